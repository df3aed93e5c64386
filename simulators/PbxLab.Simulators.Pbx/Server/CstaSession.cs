using DotNetty.Common.Concurrency;
using DotNetty.Transport.Channels;
using PbxLab.Csta;
using PbxLab.Csta.Channels;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Simulators.Pbx.Server;

/// <summary>
/// One client connection: the last handler of its pipeline, after the frame decoder and encoder.
/// Responses are written inline on the connection's event loop and events are queued onto the same loop,
/// so a response always leaves before the events its request caused.
/// </summary>
internal sealed partial class CstaSession(CstaServer server, int id) : ChannelHandlerAdapter
{
    private readonly CstaServer _server = server;
    private readonly InvokeIdSequence _invokeIds = new();
    private IChannelHandlerContext? _context;
    private string _peer = "(unknown peer)";
    private volatile string? _sysStatRegisterId;
    private long _messagesSent;
    private int _pendingWrites;

    public int Id { get; } = id;

    /// <summary>
    /// What this connection has sent and has still to send: a harness that moves a fake clock
    /// waits until the peer has read every message, so events land at the scenario time they
    /// belong to.
    /// </summary>
    public CstaConnectionTraffic Traffic =>
        new(_context?.Channel.RemoteAddress, Interlocked.Read(ref _messagesSent), Volatile.Read(ref _pendingWrites));

    /// <summary>Connection id and peer address, as logs and the trace show them.</summary>
    public string Name => $"#{Id} ({_peer})";

    public override void ChannelActive(IChannelHandlerContext context)
    {
        _context = context;
        _peer = context.Channel.RemoteAddress?.ToString() ?? _peer;
        _server.Add(this);
        Log.Connected(_server.Logger, Name);

        // OpenScape Voice greets with SystemStatus before the client says anything; some clients wait for it.
        if (_server.Settings.SpeaksFirst)
        {
            Write(_invokeIds.Next(), CstaServer.InitialStatus, null);
        }

        base.ChannelActive(context);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        var freed = _server.Monitors.StopAll(this);
        _server.Remove(this);
        Log.Disconnected(_server.Logger, Name, freed);
        base.ChannelInactive(context);
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        switch (message)
        {
            case CstaEnvelope envelope:
                Handle(envelope);
                break;

            case CstaUndecodableFrame frame:
                HandleUndecodable(frame);
                break;

            default:
                Log.UnexpectedObject(_server.Logger, Name, message.GetType().Name);
                break;
        }
    }

    public override void ExceptionCaught(IChannelHandlerContext context, Exception exception)
    {
        Log.ConnectionFailed(_server.Logger, exception, Name);
        _ = context.CloseAsync();
    }

    /// <summary>Queues an event for a monitor of this connection; safe to call from any thread.</summary>
    public void SendEvent(CstaEvent cstaEvent, string deviceId)
    {
        // The trace keeps the time the PBX raised the event, not when the event loop wrote it.
        var raisedAt = _server.TimeProvider.GetUtcNow();
        Post(() => Write(CstaEnvelope.EventInvokeId, cstaEvent, deviceId, raisedAt));
    }

    /// <summary>Queues a SystemStatus heartbeat when the client has registered for system status.</summary>
    public void SendHeartbeat()
    {
        if (_sysStatRegisterId is { } registerId)
        {
            Post(() => Write(_invokeIds.Next(), new SystemStatus(registerId, SystemStatusValue.Normal), null));
        }
    }

    public Task CloseAsync() => _context?.CloseAsync() ?? Task.CompletedTask;

    private void Handle(CstaEnvelope envelope)
    {
        var message = envelope.Message;
        Record(CstaTraceDirection.Received, envelope.InvokeId, message, null);

        switch (message)
        {
            case CstaRequest request:
                var (response, deviceId) = Respond(envelope.InvokeId, request);
                Write(envelope.InvokeId, response, deviceId);
                break;

            // The client acknowledges a SystemStatus of ours; nothing to do.
            case SystemStatusResponse:
                break;

            default:
                Log.UnexpectedMessage(_server.Logger, Name, envelope.InvokeId, CstaXmlCodec.GetElementName(message));
                break;
        }
    }

    private void HandleUndecodable(CstaUndecodableFrame frame)
    {
        var name = frame.RootElementName ?? "(undecodable)";
        _server.Trace.Add(new CstaTraceEntry(
            _server.TimeProvider.GetUtcNow(), CstaTraceDirection.Received, Name, frame.InvokeId, name, null, null));
        Log.UndecodableRequest(_server.Logger, Name, frame.InvokeId, name, frame.Reason, frame.Detail);

        // A peer that sent a request waits for a response to its invoke id, even when the XML is broken.
        var answerable = frame.InvokeId != CstaEnvelope.EventInvokeId
            && (frame.RootElementName is null || CstaXmlCodec.IsRequestElement(frame.RootElementName));
        if (answerable)
        {
            Write(frame.InvokeId, frame.ToErrorCode(), null);
        }
    }

    private void Post(Action write)
    {
        var context = _context;
        if (context is null || !context.Channel.Active)
        {
            return;
        }

        Interlocked.Increment(ref _pendingWrites);
        try
        {
            context.Channel.EventLoop.Execute(() =>
            {
                try
                {
                    write();
                }
                finally
                {
                    Interlocked.Decrement(ref _pendingWrites);
                }
            });
        }
        catch (RejectedExecutionException)
        {
            // The event loop is shutting down with the server; the connection is closing anyway.
            Interlocked.Decrement(ref _pendingWrites);
        }
    }

    private void Write(int invokeId, CstaMessage message, string? deviceId, DateTimeOffset? raisedAt = null)
    {
        var context = _context;
        if (context is null || !context.Channel.Active)
        {
            return;
        }

        Record(CstaTraceDirection.Sent, invokeId, message, deviceId, raisedAt);
        Interlocked.Increment(ref _messagesSent);
        context.WriteAndFlushAsync(new CstaEnvelope(invokeId, message)).ContinueWith(
            static (task, state) =>
            {
                var (session, invokeId, name) = ((CstaSession, int, string))state!;
                Log.WriteFailed(session._server.Logger, task.Exception!.GetBaseException(), session.Name, invokeId, name);
            },
            (this, invokeId, CstaXmlCodec.GetElementName(message)),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Record(CstaTraceDirection direction, int invokeId, CstaMessage message, string? deviceId, DateTimeOffset? time = null)
    {
        var crossRefId = message switch
        {
            CstaEvent e => e.MonitorCrossRefId,
            MonitorStartResponse r => r.MonitorCrossRefId,
            MonitorStop s => s.MonitorCrossRefId,
            _ => null,
        };

        _server.Trace.Add(new CstaTraceEntry(
            time ?? _server.TimeProvider.GetUtcNow(),
            direction,
            Name,
            invokeId,
            CstaXmlCodec.GetElementName(message),
            deviceId ?? DeviceOf(message),
            crossRefId));
    }

    private static string? DeviceOf(CstaMessage message) => message switch
    {
        MonitorStart m when m.MonitorObject.DeviceObject is { } device => CstaDeviceId.ExtractDirectoryNumber(device),
        SnapshotDevice s => CstaDeviceId.ExtractDirectoryNumber(s.SnapshotObject),
        MakeCall m => CstaDeviceId.ExtractDirectoryNumber(m.CallingDevice),
        AnswerCall { CallToBeAnswered.DeviceId: { } device } => CstaDeviceId.ExtractDirectoryNumber(device),
        ClearConnection { ConnectionToBeCleared.DeviceId: { } device } => CstaDeviceId.ExtractDirectoryNumber(device),
        SetDoNotDisturb s => CstaDeviceId.ExtractDirectoryNumber(s.Device),
        GetDoNotDisturb g => CstaDeviceId.ExtractDirectoryNumber(g.Device),
        HoldCall { CallToBeHeld.DeviceId: { } device } => CstaDeviceId.ExtractDirectoryNumber(device),
        RetrieveCall { CallToBeRetrieved.DeviceId: { } device } => CstaDeviceId.ExtractDirectoryNumber(device),
        ConsultationCall { ExistingCall.DeviceId: { } device } => CstaDeviceId.ExtractDirectoryNumber(device),
        TransferCall { HeldCall.DeviceId: { } device } => CstaDeviceId.ExtractDirectoryNumber(device),
        ConferenceCall { HeldCall.DeviceId: { } device } => CstaDeviceId.ExtractDirectoryNumber(device),
        SingleStepTransferCall { ActiveCall.DeviceId: { } device } => CstaDeviceId.ExtractDirectoryNumber(device),
        SetForwarding s => CstaDeviceId.ExtractDirectoryNumber(s.Device),
        GetForwarding g => CstaDeviceId.ExtractDirectoryNumber(g.Device),
        _ => null,
    };
}
