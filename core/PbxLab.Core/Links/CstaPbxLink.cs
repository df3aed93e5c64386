using System.Net;
using System.Net.Sockets;
using DotNetty.Transport.Bootstrapping;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Sockets;
using Microsoft.Extensions.Logging;
using PbxLab.Csta.Channels;
using PbxLab.Csta.Xml;

namespace PbxLab.Core.Links;

/// <summary>
/// CSTA XML client link to one PBX (ECMA-323 over TCP, Annex J.2 framing). It registers for
/// system status, monitors the configured devices and resynchronises them by snapshot. It then
/// turns events into line states, sends heartbeats, and reconnects with doubling back-off when
/// the link fails. Nothing in it depends on whether the peer is a real switch or a simulator.
/// </summary>
public sealed partial class CstaPbxLink : IPbxLink
{
    private readonly PbxLinkOptions _options;
    private readonly IPbxLinkSink _sink;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ILogger _codecLogger;
    private readonly CstaXmlCodec _codec;
    private readonly LineStateTracker _tracker;
    private readonly Lock _stateLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenSource? _runStopping;
    private MultithreadEventLoopGroup? _eventLoopGroup;
    private Task? _run;
    private volatile int _phase = (int)PbxLinkPhase.Disconnected;
    private Session? _currentSession;

    public CstaPbxLink(PbxLinkOptions options, IPbxLinkSink sink, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ValidateOptions(options);

        _options = options;
        _sink = sink;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<CstaPbxLink>();
        _codecLogger = loggerFactory.CreateLogger<CstaFrameDecoder>();
        _codec = new CstaXmlCodec(CstaLinkProfiles.EditionFor(options.Name, options.Profile));
        _tracker = new LineStateTracker(options.Devices);
    }

    public string Name => _options.Name;

    public PbxLinkPhase Phase => (PbxLinkPhase)_phase;

    public int PendingRequestCount => Volatile.Read(ref _currentSession)?.PendingRequestCount ?? 0;

    public LinkTraffic? Traffic => Volatile.Read(ref _currentSession)?.Traffic;

    private const string StoppedReason = "The link was stopped.";

    private string Peer => $"{_options.Host}:{_options.Port}";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (_run is not null)
        {
            throw new InvalidOperationException($"Link '{Name}' is already started.");
        }

        _eventLoopGroup = new MultithreadEventLoopGroup(1);
        _runStopping = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, cancellationToken);
        var stopping = _runStopping.Token;
        _run = Task.Run(() => RunAsync(stopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }

        if (_eventLoopGroup is not null)
        {
            if (!await EventLoopShutdown.ShutdownAsync(_eventLoopGroup, TimeSpan.FromSeconds(1)))
            {
                CstaLinkLog.EventLoopNotTerminated(_logger, Name);
            }
        }

        _runStopping?.Dispose();
        _stopping.Dispose();
    }

    private static void ValidateOptions(PbxLinkOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new ArgumentException($"Link '{options.Name}' has no host; set the PBX address.", nameof(options));
        }

        if (options.Port is < 1 or > 65535)
        {
            throw new ArgumentException($"Link '{options.Name}' has port {options.Port}; use 1 to 65535.", nameof(options));
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero || options.RequestTimeout <= TimeSpan.Zero
            || options.InitialReconnectDelay <= TimeSpan.Zero || options.MaxReconnectDelay < options.InitialReconnectDelay)
        {
            throw new ArgumentException(
                $"Link '{options.Name}' has invalid timings (heartbeat {options.HeartbeatInterval}, request timeout {options.RequestTimeout}, reconnect {options.InitialReconnectDelay} to {options.MaxReconnectDelay}); all must be positive and the maximum reconnect delay at least the initial one.",
                nameof(options));
        }
    }

    // Connects, runs one session until it fails, reports every device Offline, waits the back-off
    // and tries again, until the link is stopped.
    private async Task RunAsync(CancellationToken stopping)
    {
        var delay = _options.InitialReconnectDelay;
        var attempt = 0;
        while (!stopping.IsCancellationRequested)
        {
            attempt++;
            SetPhase(PbxLinkPhase.Connecting, $"Connecting to {Peer} (attempt {attempt}).");

            string reason;
            var session = new Session(this);
            Volatile.Write(ref _currentSession, session);
            try
            {
                var channel = await ConnectAsync(session, stopping);
                reason = await session.RunAsync(channel, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                reason = StoppedReason;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                reason = $"Connecting to {Peer} failed: {exception.GetBaseException().Message}";
                CstaLinkLog.ConnectFailed(_logger, Name, Peer, reason);
            }

            if (session.ReachedRunning)
            {
                delay = _options.InitialReconnectDelay;
                attempt = 0;
            }

            ReportChanges(() => _tracker.SetLinkDown());

            // A stop that was requested (DisposeAsync or the start token) is no failure, whatever the session
            // was doing when it was cut short, so it is logged at Information and its reason does not say "failed".
            if (stopping.IsCancellationRequested)
            {
                CstaLinkLog.Stopped(_logger, Name, Peer);
                SetPhase(PbxLinkPhase.Disconnected, StoppedReason);
                return;
            }

            // The delay starts before the phase is reported, so a fake clock advanced on seeing
            // Disconnected always finds the timer.
            var wait = Task.Delay(delay, _timeProvider, stopping);
            CstaLinkLog.Disconnected(_logger, Name, Peer, reason);
            SetPhase(PbxLinkPhase.Disconnected, $"{reason} Reconnecting in {delay.TotalSeconds:0.###} s.");
            try
            {
                await wait;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
        }
    }

    private async Task<IChannel> ConnectAsync(Session session, CancellationToken stopping)
    {
        var endPoint = await ResolveAsync(stopping);
        var bootstrap = new Bootstrap()
            .Group(_eventLoopGroup)
            .Channel<TcpSocketChannel>()
            .Option(ChannelOption.TcpNodelay, true)
            .Handler(new ActionChannelInitializer<IChannel>(channel => channel.Pipeline.AddLast(
                new CstaFrameDecoder(_codec, _codecLogger),
                new CstaFrameEncoder(_codec),
                session.Handler)));

        var connect = bootstrap.ConnectAsync(endPoint);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var expiry = Task.Delay(_options.RequestTimeout, _timeProvider, timeout.Token);
        var first = await Task.WhenAny(connect, expiry);
        await timeout.CancelAsync();

        if (first != connect)
        {
            _ = connect.ContinueWith(task => task.Result.CloseAsync(), TaskContinuationOptions.OnlyOnRanToCompletion);
            stopping.ThrowIfCancellationRequested();
            throw new TimeoutException($"No TCP connection within {_options.RequestTimeout.TotalSeconds:0.###} s.");
        }

        return await connect;
    }

    private async Task<EndPoint> ResolveAsync(CancellationToken stopping)
    {
        if (IPAddress.TryParse(_options.Host, out var address))
        {
            return new IPEndPoint(address, _options.Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(_options.Host, stopping);
        return addresses.Length > 0
            ? new IPEndPoint(addresses[0], _options.Port)
            : throw new SocketException((int)SocketError.HostNotFound);
    }

    private void SetPhase(PbxLinkPhase phase, string reason)
    {
        _phase = (int)phase;
        CstaLinkLog.PhaseChanged(_logger, Name, phase, reason);
        CallSink("OnLinkPhaseChanged", () => _sink.OnLinkPhaseChanged(Name, phase, reason));
    }

    // Runs a tracker step and reports its changes under one lock, so the sink receives them in
    // the order the events arrived.
    private void ReportChanges(Func<IReadOnlyList<DeviceStateChange>> step)
    {
        lock (_stateLock)
        {
            foreach (var change in step())
            {
                if (change.LineState is { } lineState)
                {
                    CstaLinkLog.LineStateChanged(_logger, Name, change.DeviceId, lineState);
                    CallSink("OnLineStateChanged", () => _sink.OnLineStateChanged(Name, change.DeviceId, lineState));
                }

                if (change.UserPresence is { } presence)
                {
                    CstaLinkLog.UserPresenceChanged(_logger, Name, change.DeviceId, presence);
                    CallSink("OnUserPresenceChanged", () => _sink.OnUserPresenceChanged(Name, change.DeviceId, presence));
                }
            }
        }
    }

    // A faulty sink must not take the link down with it.
    private void CallSink(string callback, Action call)
    {
        try
        {
            call();
        }
        catch (Exception exception)
        {
            CstaLinkLog.SinkFailed(_logger, Name, callback, exception);
        }
    }
}
