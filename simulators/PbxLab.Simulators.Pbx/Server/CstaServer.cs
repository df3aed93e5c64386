using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using Microsoft.Extensions.Logging;
using PbxLab.Csta;
using PbxLab.Csta.Channels;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;
using PbxLab.Simulators.Pbx.Engine;

namespace PbxLab.Simulators.Pbx.Server;

/// <summary>Settings of one CSTA server.</summary>
/// <param name="Bind">IP address to listen on.</param>
/// <param name="Port">TCP port, or 0 for an ephemeral one.</param>
/// <param name="Edition">ECMA-323 edition of everything the server writes; input may use any edition.</param>
/// <param name="SpeaksFirst">Whether the server sends SystemStatus as soon as a client connects.</param>
/// <param name="Licences">CSTA-session licences, one per monitor, shared by all connections.</param>
/// <param name="HeartbeatInterval">Period of the SystemStatus heartbeat to registered clients.</param>
/// <param name="TraceCapacity">How many trace entries to keep.</param>
internal sealed record CstaServerSettings(
    string Bind, int Port, CstaEdition Edition, bool SpeaksFirst, int Licences, TimeSpan HeartbeatInterval, int TraceCapacity);

/// <summary>
/// The PBX side of CSTA XML over TCP (ECMA-323 Annex J.2): accepts clients, responds to their requests from
/// the engine and sends each monitored device's events to its monitors.
/// </summary>
internal sealed partial class CstaServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<int, CstaSession> _sessions = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly IEventLoopGroup _bossGroup = new MultithreadEventLoopGroup(1);
    private readonly IEventLoopGroup _workerGroup = new MultithreadEventLoopGroup(1);
    private readonly IDisposable _engineSubscription;
    private ITimer? _heartbeat;
    private IChannel? _listener;
    private int _lastSessionId;
    private long _lastRegisterId;

    private CstaServer(PbxEngine engine, CstaServerSettings settings, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        Engine = engine;
        Settings = settings;
        TimeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        Logger = loggerFactory.CreateLogger<CstaServer>();
        Monitors = new MonitorRegistry(settings.Licences);
        Trace = new CstaTrace(settings.TraceCapacity);
        _engineSubscription = engine.Subscribe(OnEngineEvent);
    }

    public PbxEngine Engine { get; }

    public CstaServerSettings Settings { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public MonitorRegistry Monitors { get; }

    public CstaTrace Trace { get; }

    public int Port { get; private set; }

    public static async Task<CstaServer> StartAsync(
        PbxEngine engine, CstaServerSettings settings, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(settings.Bind, out var address))
        {
            throw new ArgumentException($"CSTA bind address '{settings.Bind}' is invalid. Use an IP address such as 127.0.0.1.", nameof(settings));
        }

        var server = new CstaServer(engine, settings, timeProvider, loggerFactory);
        try
        {
            await server.BindAsync(address, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes every client connection, as a dropped link would; their monitors and licences are freed.</summary>
    public Task DropAllConnectionsAsync()
    {
        Log.DroppingConnections(Logger, _sessions.Count);
        return CloseAllAsync();
    }

    public int ConnectionCount => _sessions.Count;

    /// <summary>Messages sent and still to send on each open connection.</summary>
    public IReadOnlyList<CstaConnectionTraffic> Traffic => [.. _sessions.Values.Select(session => session.Traffic)];

    public async ValueTask DisposeAsync()
    {
        _engineSubscription.Dispose();
        _heartbeat?.Dispose();
        if (_listener is not null)
        {
            await _listener.CloseAsync();
        }

        await CloseAllAsync();
        var terminated = await Task.WhenAll(
            EventLoopShutdown.ShutdownAsync(_bossGroup, ShutdownTimeout),
            EventLoopShutdown.ShutdownAsync(_workerGroup, ShutdownTimeout));
        if (terminated.Contains(false))
        {
            Log.EventLoopNotTerminated(Logger, Port);
        }
    }

    internal string NextSysStatRegisterId() => Interlocked.Increment(ref _lastRegisterId).ToString(CultureInfo.InvariantCulture);

    internal void Add(CstaSession session) => _sessions[session.Id] = session;

    internal void Remove(CstaSession session) => _sessions.TryRemove(session.Id, out _);

    private Task CloseAllAsync() => Task.WhenAll(_sessions.Values.Select(s => s.CloseAsync()).ToList());

    private async Task BindAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var bootstrap = new ServerBootstrap()
            .Group(_bossGroup, _workerGroup)
            .Channel<TcpServerSocketChannel>()
            .Option(ChannelOption.SoBacklog, 128)
            .ChildOption(ChannelOption.TcpNodelay, true)
            .ChildHandler(new ActionChannelInitializer<ISocketChannel>(InitializeChannel));

        _listener = await bootstrap.BindAsync(address, Settings.Port).WaitAsync(cancellationToken);
        Port = ((IPEndPoint)_listener.LocalAddress).Port;
        _heartbeat = TimeProvider.CreateTimer(
            static state => ((CstaServer)state!).SendHeartbeats(), this, Settings.HeartbeatInterval, Settings.HeartbeatInterval);
        Log.Listening(Logger, address.ToString(), Port, Settings.Edition, Settings.SpeaksFirst, Settings.Licences);
    }

    private void InitializeChannel(ISocketChannel channel)
    {
        var decoderLogger = _loggerFactory.CreateLogger<CstaFrameDecoder>();
        channel.Pipeline.AddLast("csta-decoder", new CstaFrameDecoder(new CstaXmlCodec(Settings.Edition), decoderLogger));
        channel.Pipeline.AddLast("csta-encoder", new CstaFrameEncoder(new CstaXmlCodec(Settings.Edition)));
        channel.Pipeline.AddLast("csta-session", new CstaSession(this, Interlocked.Increment(ref _lastSessionId)));
    }

    // Runs inside the engine's lock, so it only queues writes for the connections' event loops.
    private void OnEngineEvent(PbxEvent pbxEvent)
    {
        foreach (var monitor in Monitors.ForDevice(pbxEvent.DeviceId))
        {
            monitor.Session.SendEvent(CstaEventMapper.Map(pbxEvent, monitor.MonitorCrossRefId), pbxEvent.DeviceId);
        }
    }

    // A timer callback: an exception escaping it would end the process, so it is logged instead.
    private void SendHeartbeats()
    {
        try
        {
            foreach (var session in _sessions.Values)
            {
                session.SendHeartbeat();
            }
        }
        catch (Exception exception)
        {
            Log.HeartbeatFailed(Logger, exception, _sessions.Count);
        }
    }

    internal static SystemStatus InitialStatus { get; } = new(null, SystemStatusValue.Enabled);
}
