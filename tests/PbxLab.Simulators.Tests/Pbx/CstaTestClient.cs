using System.Net;
using System.Net.Sockets;
using System.Text;
using PbxLab.Csta;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Simulators.Tests.Pbx;

/// <summary>One raw frame as received: invoke id and XML text.</summary>
internal sealed record RawCstaFrame(int InvokeId, string Xml);

/// <summary>
/// A minimal CSTA client over loopback TCP built from the library's codec and frame reader and
/// writer. It can also send hand-written XML and raw bytes, for clients that write XML differently.
/// </summary>
internal sealed class CstaTestClient : IAsyncDisposable
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly CstaXmlCodec _codec;
    private readonly List<byte> _buffer = [];
    private int _lastInvokeId;

    private CstaTestClient(TcpClient tcp, CstaEdition edition)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _codec = new CstaXmlCodec(edition);
    }

    public static async Task<CstaTestClient> ConnectAsync(int port, CstaEdition edition = CstaEdition.Ed5)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        return new CstaTestClient(tcp, edition);
    }

    public int NextInvokeId() => ++_lastInvokeId;

    /// <summary>The client's own address and port, which the server sees as the remote end.</summary>
    public EndPoint? LocalEndPoint => _tcp.Client.LocalEndPoint;

    public Task SendAsync(int invokeId, CstaMessage message) => SendBytesAsync(CstaFrameWriter.Write(invokeId, _codec.Encode(message)));

    public Task SendXmlAsync(int invokeId, string xml) => SendBytesAsync(CstaFrameWriter.Write(invokeId, Encoding.UTF8.GetBytes(xml)));

    public async Task SendBytesAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Sends a request with a fresh invoke id and returns the next frame, which must be its response.</summary>
    public async Task<TResponse> RequestAsync<TResponse>(CstaRequest request)
        where TResponse : CstaMessage
    {
        var invokeId = NextInvokeId();
        await SendAsync(invokeId, request);
        var envelope = await ReceiveAsync();
        Assert.Equal(invokeId, envelope.InvokeId);
        return Assert.IsType<TResponse>(envelope.Message);
    }

    public async Task<CstaEnvelope> ReceiveAsync()
    {
        var frame = await ReceiveFrameAsync();
        return new CstaEnvelope(frame.InvokeId, _codec.Decode(frame.Body.Span));
    }

    public async Task<RawCstaFrame> ReceiveRawAsync()
    {
        var frame = await ReceiveFrameAsync();
        return new RawCstaFrame(frame.InvokeId, Encoding.UTF8.GetString(frame.Body.Span));
    }

    /// <summary>Receives <paramref name="count"/> events and checks each carries invoke id 9999.</summary>
    public async Task<IReadOnlyList<CstaEvent>> ReceiveEventsAsync(int count)
    {
        var events = new List<CstaEvent>();
        for (var i = 0; i < count; i++)
        {
            var envelope = await ReceiveAsync();
            Assert.Equal(CstaEnvelope.EventInvokeId, envelope.InvokeId);
            events.Add(Assert.IsAssignableFrom<CstaEvent>(envelope.Message));
        }

        return events;
    }

    /// <summary>Returns true when the server closes the connection within the timeout, with no frame before.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        using var timeout = new CancellationTokenSource(ReceiveTimeout);
        var chunk = new byte[1024];
        try
        {
            return await _stream.ReadAsync(chunk, timeout.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Returns true when nothing arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> IsSilentAsync(TimeSpan wait)
    {
        if (_buffer.Count > 0)
        {
            return false;
        }

        using var timeout = new CancellationTokenSource(wait);
        var chunk = new byte[1024];
        try
        {
            var read = await _stream.ReadAsync(chunk, timeout.Token);
            _buffer.AddRange(chunk.AsSpan(0, read).ToArray());
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<CstaFrame> ReceiveFrameAsync()
    {
        using var timeout = new CancellationTokenSource(ReceiveTimeout);
        var chunk = new byte[4096];
        while (true)
        {
            var result = CstaFrameReader.Read(_buffer.ToArray());
            if (result.Status == CstaFrameReadStatus.Frame)
            {
                _buffer.RemoveRange(0, result.BytesConsumed);
                return result.Frame!;
            }

            Assert.NotEqual(CstaFrameReadStatus.Rejected, result.Status);
            var read = await _stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                throw new IOException("The server closed the connection while a frame was expected.");
            }

            _buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }
    }
}
