using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using PbxLab.Csta;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Core.Tests.Links;

/// <summary>
/// Scripted CSTA switch on 127.0.0.1 (ephemeral port) for link tests: real TCP, the project's
/// codec and framing, one connection at a time, with switches for each behaviour a test needs.
/// </summary>
internal sealed class FakeCstaServer : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CstaXmlCodec _codec;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<(int Connection, CstaEnvelope Envelope)> _received = new();
    private readonly ConcurrentQueue<string> _receivedXml = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Task _acceptLoop;
    private TcpClient? _client;
    private int _connectionCount;

    public FakeCstaServer(CstaEdition edition = CstaEdition.Ed5)
    {
        _codec = new CstaXmlCodec(edition);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>Sends SystemStatus (invoke id 0007) as soon as a client connects, as OpenScape Voice does.</summary>
    public bool SpeaksFirst { get; init; }

    public bool AnswersHeartbeat { get; set; } = true;

    /// <summary>Devices whose MonitorStart gets systemResourceAvailibility/overallMonitorLimitExceeded.</summary>
    public ConcurrentDictionary<string, bool> RefusedDevices { get; } = new();

    /// <summary>Devices whose MonitorStart gets no response at all.</summary>
    public ConcurrentDictionary<string, bool> SilentDevices { get; } = new();

    public ConcurrentDictionary<string, SnapshotDeviceResponse> Snapshots { get; } = new();

    public ConcurrentDictionary<string, bool> DoNotDisturb { get; } = new();

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>monitorCrossRefID the server gives a device's monitor on a given connection (1, 2, …).</summary>
    public static string MonitorCrossRefIdFor(string deviceId, int connection) => $"{connection}-{deviceId}";

    public IReadOnlyList<CstaEnvelope> Received(int connection) =>
        _received.Where(entry => entry.Connection == connection).Select(entry => entry.Envelope).ToList();

    /// <summary>XML bodies received, in order, over all connections.</summary>
    public IReadOnlyList<string> ReceivedXml => _receivedXml.ToList();

    public async Task<CstaEnvelope> WaitForAsync(Func<CstaEnvelope, bool> match)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var (_, envelope) in _received)
            {
                if (match(envelope))
                {
                    return envelope;
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The fake CSTA server did not receive the expected message within 5 s.");
    }

    public Task SendAsync(CstaMessage message, int invokeId = CstaEnvelope.EventInvokeId) =>
        WriteAsync(_client ?? throw new InvalidOperationException("No client is connected."), new CstaEnvelope(invokeId, message));

    /// <summary>Sends an arbitrary XML body, valid or not, in a well-formed frame.</summary>
    public Task SendRawAsync(int invokeId, string xml) =>
        SendBytesAsync(CstaFrameWriter.Write(invokeId, System.Text.Encoding.UTF8.GetBytes(xml)));

    /// <summary>Sends bytes as they are, for broken frames.</summary>
    public async Task SendBytesAsync(byte[] frame)
    {
        var client = _client ?? throw new InvalidOperationException("No client is connected.");
        await _writeLock.WaitAsync();
        try
        {
            await client.GetStream().WriteAsync(frame);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void DropConnection() => _client?.Close();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _client?.Close();
        try
        {
            await _acceptLoop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stopping.Dispose();
        _writeLock.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _client = client;
            var connection = Interlocked.Increment(ref _connectionCount);
            _ = Task.Run(() => ServeAsync(client, connection));
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        try
        {
            var stream = client.GetStream();
            if (SpeaksFirst)
            {
                await WriteAsync(client, new CstaEnvelope(7, new SystemStatus(null, SystemStatusValue.Normal)));
            }

            var buffer = new List<byte>();
            var chunk = new byte[4096];
            while (true)
            {
                var count = await stream.ReadAsync(chunk, _stopping.Token);
                if (count == 0)
                {
                    return;
                }

                buffer.AddRange(chunk.AsSpan(0, count));
                while (true)
                {
                    var result = CstaFrameReader.Read(buffer.ToArray());
                    if (result.Status != CstaFrameReadStatus.Frame)
                    {
                        break;
                    }

                    buffer.RemoveRange(0, result.BytesConsumed);
                    var envelope = new CstaEnvelope(result.Frame!.InvokeId, _codec.Decode(result.Frame.Body.Span));
                    _receivedXml.Enqueue(System.Text.Encoding.UTF8.GetString(result.Frame.Body.Span));

                    // The response goes out before the request is recorded, so a test that saw the
                    // request can send more and know it arrives after the response.
                    if (Answer(envelope.Message, connection) is { } answer)
                    {
                        await WriteAsync(client, new CstaEnvelope(envelope.InvokeId, answer));
                    }

                    _received.Enqueue((connection, envelope));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The test dropped the connection or the server is stopping.
        }
    }

    private CstaMessage? Answer(CstaMessage request, int connection) => request switch
    {
        SystemRegister => new SystemRegisterResponse("27ss"),
        MonitorStart start when SilentDevices.ContainsKey(start.MonitorObject.DeviceObject!) => null,
        MonitorStart start when RefusedDevices.ContainsKey(start.MonitorObject.DeviceObject!) =>
            new CstaErrorCode(CstaErrorCategories.SystemResourceAvailibility, "overallMonitorLimitExceeded"),
        MonitorStart start => new MonitorStartResponse(MonitorCrossRefIdFor(start.MonitorObject.DeviceObject!, connection)),
        SnapshotDevice snapshot => Snapshots.TryGetValue(snapshot.SnapshotObject, out var data) ? data : new SnapshotDeviceResponse([], null),
        GetDoNotDisturb dnd => new GetDoNotDisturbResponse(DoNotDisturb.TryGetValue(dnd.Device, out var on) && on),
        RequestSystemStatus when AnswersHeartbeat => new RequestSystemStatusResponse(SystemStatusValue.Normal),
        _ => null,
    };

    private async Task WriteAsync(TcpClient client, CstaEnvelope envelope)
    {
        var frame = CstaFrameWriter.Write(envelope.InvokeId, _codec.Encode(envelope.Message));
        await _writeLock.WaitAsync();
        try
        {
            await client.GetStream().WriteAsync(frame);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
