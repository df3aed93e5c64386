using System.Globalization;
using DotNetty.Transport.Channels;
using PbxLab.Csta;
using PbxLab.Csta.Channels;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Core.Links;

public sealed partial class CstaPbxLink
{
    /// <summary>Requests kept in flight at once while monitoring and resynchronising many devices.</summary>
    private const int RequestWindow = 16;

    /// <summary>
    /// One TCP connection to the PBX, from registration to failure. Its inbound handler runs on
    /// the DotNetty event loop; the protocol steps run on the thread pool.
    /// </summary>
    private sealed class Session
    {
        private readonly CstaPbxLink _link;
        private readonly CstaRequestCorrelator _correlator;
        private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private IChannel? _channel;
        private ITimer? _heartbeatTimer;
        private long _lastReceived;
        private long _messagesHandled;
        private int _heartbeatPending;

        public Session(CstaPbxLink link)
        {
            _link = link;
            _correlator = new CstaRequestCorrelator(link._timeProvider, link._options.RequestTimeout);
            _lastReceived = link._timeProvider.GetTimestamp();
            Handler = new InboundHandler(this);
        }

        public IChannelHandler Handler { get; }

        public bool ReachedRunning { get; private set; }

        public int PendingRequestCount => _correlator.PendingInvokeIds.Count;

        public LinkTraffic? Traffic => _channel is { } channel ? new LinkTraffic(channel.LocalAddress, Interlocked.Read(ref _messagesHandled)) : null;

        private string LinkName => _link.Name;

        /// <summary>Runs the link over a connected channel; returns the reason it ended.</summary>
        public async Task<string> RunAsync(IChannel channel, CancellationToken stopping)
        {
            _channel = channel;
            using var stopRegistration = stopping.Register(() => Fail(StoppedReason));
            if (!channel.Active)
            {
                Fail("The connection closed right after it opened.");
            }

            try
            {
                _link.SetPhase(PbxLinkPhase.Registering, $"Connected to {_link.Peer}; registering for system status.");
                await RegisterAsync();

                var devices = _link._options.Devices;
                _link.SetPhase(PbxLinkPhase.Monitoring, $"Starting monitors for {devices.Count} devices.");
                var monitored = await StartMonitorsAsync(devices);
                await ResynchroniseAsync(monitored);

                StartHeartbeat();
                ReachedRunning = true;
                _link.SetPhase(PbxLinkPhase.Running, $"{monitored.Count} of {devices.Count} devices monitored.");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A timeout, an undecodable or unexpected response, or a lost connection: Fail keeps
                // the first reason, so a connection already gone is reported as such.
                Fail(exception.Message);
            }

            var reason = await _closed.Task;
            _heartbeatTimer?.Dispose();
            await CloseChannelAsync();
            return reason;
        }

        private async Task RegisterAsync()
        {
            // OpenScape Voice sends SystemStatus first and expects SystemRegister after it; other
            // switches stay silent. Registering at once works with both, because the
            // SystemStatusResponse goes out whenever SystemStatus arrives.
            var pending = Begin(new SystemRegister(SystemStatus: true, RequestSystemStatus: false));
            if (await SendAndWaitAsync(pending) is CstaErrorCode error)
            {
                CstaLinkLog.SystemRegisterRefused(_link._logger, LinkName, pending.InvokeId, error.Category, error.Value);
            }
        }

        private async Task<List<string>> StartMonitorsAsync(IReadOnlyList<string> devices)
        {
            var monitored = new List<string>();
            var inFlight = new Queue<(string DeviceId, CstaPendingRequest Request, Task<CstaResponse> Response)>();

            // Requests are pipelined but their results are reported in device order.
            foreach (var deviceId in devices)
            {
                if (inFlight.Count >= RequestWindow)
                {
                    await ReportMonitorResultAsync(inFlight.Dequeue(), monitored);
                }

                var pending = Begin(new MonitorStart(MonitorObject.Device(deviceId), MonitorType.Device));
                inFlight.Enqueue((deviceId, pending, SendAndWaitAsync(pending)));
            }

            while (inFlight.Count > 0)
            {
                await ReportMonitorResultAsync(inFlight.Dequeue(), monitored);
            }

            return monitored;
        }

        private async Task ReportMonitorResultAsync((string DeviceId, CstaPendingRequest Request, Task<CstaResponse> Response) entry, List<string> monitored)
        {
            var response = await entry.Response;
            switch (response)
            {
                case MonitorStartResponse started:
                    lock (_link._stateLock)
                    {
                        _link._tracker.AddMonitor(started.MonitorCrossRefId, entry.DeviceId);
                    }

                    monitored.Add(entry.DeviceId);
                    CstaLinkLog.MonitorStarted(_link._logger, LinkName, entry.DeviceId, started.MonitorCrossRefId);
                    _link.CallSink("OnMonitorStarted", () => _link._sink.OnMonitorStarted(LinkName, entry.DeviceId, started.MonitorCrossRefId));
                    break;
                case CstaErrorCode error:
                    CstaLinkLog.MonitorRefused(_link._logger, LinkName, entry.DeviceId, entry.Request.InvokeId, error.Category, error.Value);
                    _link.CallSink("OnMonitorRefused", () => _link._sink.OnMonitorRefused(LinkName, entry.DeviceId, error.Category, error.Value));
                    break;
                default:
                    throw new CstaConnectionLostException(
                        $"MonitorStart for device {entry.DeviceId} was answered with {CstaXmlCodec.GetElementName(response)}.",
                        _correlator.PendingInvokeIds);
            }
        }

        private async Task ResynchroniseAsync(List<string> devices)
        {
            var inFlight = new Queue<(string DeviceId, CstaPendingRequest Snapshot, Task<CstaResponse> SnapshotResponse, CstaPendingRequest Dnd, Task<CstaResponse> DndResponse)>();
            foreach (var deviceId in devices)
            {
                if (inFlight.Count >= RequestWindow / 2)
                {
                    await ApplyResyncAsync(inFlight.Dequeue());
                }

                var snapshot = Begin(new SnapshotDevice(deviceId));
                var snapshotResponse = SendAndWaitAsync(snapshot);
                var dnd = Begin(new GetDoNotDisturb(deviceId));
                inFlight.Enqueue((deviceId, snapshot, snapshotResponse, dnd, SendAndWaitAsync(dnd)));
            }

            while (inFlight.Count > 0)
            {
                await ApplyResyncAsync(inFlight.Dequeue());
            }
        }

        private async Task ApplyResyncAsync((string DeviceId, CstaPendingRequest Snapshot, Task<CstaResponse> SnapshotResponse, CstaPendingRequest Dnd, Task<CstaResponse> DndResponse) entry)
        {
            var snapshot = await ResyncResultAsync<SnapshotDeviceResponse>(entry.DeviceId, entry.Snapshot, entry.SnapshotResponse);
            var dnd = await ResyncResultAsync<GetDoNotDisturbResponse>(entry.DeviceId, entry.Dnd, entry.DndResponse);
            _link.ReportChanges(() => _link._tracker.ApplyResync(entry.DeviceId, snapshot, dnd?.DoNotDisturbOn));
            if (snapshot is not null)
            {
                _link.ReportSnapshot(entry.DeviceId, snapshot);
            }
        }

        // A refused or undecodable resync response leaves that part unknown; the device is resynchronised without it.
        private async Task<T?> ResyncResultAsync<T>(string deviceId, CstaPendingRequest request, Task<CstaResponse> responseTask)
            where T : CstaResponse
        {
            var requestName = CstaXmlCodec.GetElementName(request.Request);
            try
            {
                var response = await responseTask;
                if (response is T expected)
                {
                    return expected;
                }

                var error = response as CstaErrorCode ?? new CstaErrorCode("unexpectedResponse", CstaXmlCodec.GetElementName(response));
                CstaLinkLog.ResyncRequestFailed(_link._logger, LinkName, requestName, deviceId, request.InvokeId, error.Category, error.Value);
                return null;
            }
            catch (CstaDecodeException exception)
            {
                CstaLinkLog.ResyncRequestFailed(_link._logger, LinkName, requestName, deviceId, request.InvokeId, "undecodable", exception.Message);
                return null;
            }
        }

        private CstaPendingRequest Begin(CstaRequest request) => _correlator.Begin(request);

        private async Task<CstaResponse> SendAndWaitAsync(CstaPendingRequest pending)
        {
            var requestName = CstaXmlCodec.GetElementName(pending.Request);
            CstaLinkLog.SendingRequest(_link._logger, LinkName, requestName, pending.InvokeId);
            try
            {
                await _channel!.WriteAndFlushAsync(new CstaEnvelope(pending.InvokeId, pending.Request));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _correlator.TryFail(
                    pending.InvokeId,
                    new CstaConnectionLostException($"Sending {requestName} with invoke id {pending.InvokeId:D4} failed: {exception.Message}", [pending.InvokeId]));
            }

            return await pending.Response;
        }

        private void StartHeartbeat()
        {
            var interval = _link._options.HeartbeatInterval;
            _heartbeatTimer = _link._timeProvider.CreateTimer(_ => OnHeartbeatTimer(), null, interval, Timeout.InfiniteTimeSpan);
        }

        // Sends RequestSystemStatus once the PBX has been silent for a whole interval; otherwise
        // checks again when that interval would end.
        private void OnHeartbeatTimer()
        {
            if (_closed.Task.IsCompleted)
            {
                return;
            }

            var interval = _link._options.HeartbeatInterval;
            var silence = _link._timeProvider.GetElapsedTime(Interlocked.Read(ref _lastReceived));
            if (silence < interval)
            {
                _heartbeatTimer?.Change(interval - silence, Timeout.InfiniteTimeSpan);
                return;
            }

            if (Interlocked.Exchange(ref _heartbeatPending, 1) == 0)
            {
                CstaLinkLog.SendingHeartbeat(_link._logger, LinkName, silence.TotalSeconds);
                _ = SendHeartbeatAsync();
            }

            _heartbeatTimer?.Change(interval, Timeout.InfiniteTimeSpan);
        }

        private async Task SendHeartbeatAsync()
        {
            try
            {
                // Any response, even a CSTAErrorCode from a switch without this service, shows the PBX is alive.
                await SendAndWaitAsync(Begin(new RequestSystemStatus(null)));
            }
            catch (CstaRequestTimeoutException exception)
            {
                Fail($"Heartbeat failed: {exception.Message}");
            }
            catch (CstaConnectionLostException)
            {
                // The session is already ending for another reason.
            }
            finally
            {
                Interlocked.Exchange(ref _heartbeatPending, 0);
            }
        }

        /// <summary>
        /// Ends the session once: records the reason with the phase, the peer and the pending
        /// invoke ids, fails those requests and closes the connection.
        /// </summary>
        private void Fail(string cause)
        {
            if (_closed.Task.IsCompleted)
            {
                return;
            }

            var pending = _correlator.PendingInvokeIds;
            var pendingText = pending.Count == 0
                ? "none"
                : string.Join(", ", pending.Select(id => id.ToString("D4", CultureInfo.InvariantCulture)));
            var reason = $"Link {LinkName} to {_link.Peer} failed while {_link.Phase}: {cause} Pending invoke ids: {pendingText}.";

            if (_closed.TrySetResult(reason))
            {
                _correlator.FailAll(reason);
                _ = CloseChannelAsync();
            }
        }

        private async Task CloseChannelAsync()
        {
            if (_channel is { Open: true } channel)
            {
                await channel.CloseAsync();
            }
        }

        private void OnMessage(IChannelHandlerContext context, object message)
        {
            try
            {
                HandleMessage(context, message);
            }
            finally
            {
                Interlocked.Increment(ref _messagesHandled);
            }
        }

        private void HandleMessage(IChannelHandlerContext context, object message)
        {
            Interlocked.Exchange(ref _lastReceived, _link._timeProvider.GetTimestamp());
            switch (message)
            {
                case CstaEnvelope { Message: CstaResponse response } envelope:
                    if (!_correlator.TryComplete(envelope.InvokeId, response))
                    {
                        CstaLinkLog.UnexpectedResponse(_link._logger, LinkName, CstaXmlCodec.GetElementName(response), envelope.InvokeId);
                    }

                    break;
                case CstaEnvelope { Message: SystemStatus status } envelope:
                    // The switch's SystemStatus (on connect and as a heartbeat) is always answered with its own invoke id.
                    _ = context.WriteAndFlushAsync(new CstaEnvelope(envelope.InvokeId, new SystemStatusResponse()));
                    CstaLinkLog.AnsweredSystemStatus(_link._logger, LinkName, status.Status.ToString(), envelope.InvokeId);
                    break;
                case CstaEnvelope { Message: CstaEvent cstaEvent }:
                    OnEvent(cstaEvent);
                    break;
                case CstaEnvelope { Message: CstaRequest request } envelope:
                    CstaLinkLog.UnsupportedRequest(_link._logger, LinkName, CstaXmlCodec.GetElementName(request), envelope.InvokeId);
                    if (envelope.InvokeId != CstaEnvelope.EventInvokeId)
                    {
                        _ = context.WriteAndFlushAsync(new CstaEnvelope(envelope.InvokeId, new CstaErrorCode(CstaErrorCategories.Operation, "serviceNotSupported")));
                    }

                    break;
                case CstaUndecodableFrame frame:
                    OnUndecodableFrame(context, frame);
                    break;
            }
        }

        private void OnEvent(CstaEvent cstaEvent)
        {
            string? deviceId;
            lock (_link._stateLock)
            {
                deviceId = _link._tracker.DeviceOf(cstaEvent.MonitorCrossRefId);
            }

            CstaLinkLog.EventReceived(_link._logger, LinkName, CstaXmlCodec.GetElementName(cstaEvent), cstaEvent.MonitorCrossRefId, deviceId);
            _link.ReportChanges(() => _link._tracker.Apply(cstaEvent));
            if (deviceId is not null)
            {
                _link.ReportCallEvent(deviceId, cstaEvent);
            }
        }

        private void OnUndecodableFrame(IChannelHandlerContext context, CstaUndecodableFrame frame)
        {
            CstaLinkLog.UndecodableFrame(_link._logger, LinkName, frame.InvokeId, frame.RootElementName, frame.Reason, frame.Detail);

            // An undecodable response to a pending request fails that request at once instead of
            // leaving it to time out.
            var isResponse = frame.RootElementName is { } root
                && (root.EndsWith("Response", StringComparison.Ordinal) || root == "CSTAErrorCode");
            if (isResponse)
            {
                _correlator.TryFail(frame.InvokeId, new CstaDecodeException(frame.Reason, frame.Detail, frame.RootElementName));
                return;
            }

            if (frame.IsAnswerable)
            {
                _ = context.WriteAndFlushAsync(new CstaEnvelope(frame.InvokeId, frame.ToErrorCode()));
            }
        }

        private sealed class InboundHandler(Session session) : ChannelHandlerAdapter
        {
            public override void ChannelRead(IChannelHandlerContext context, object message) => session.OnMessage(context, message);

            public override void ChannelInactive(IChannelHandlerContext context)
            {
                session.Fail("The connection was closed.");
                base.ChannelInactive(context);
            }

            public override void ExceptionCaught(IChannelHandlerContext context, Exception exception)
            {
                CstaLinkLog.ChannelError(session._link._logger, session.LinkName, session._link.Peer, exception);
                session.Fail($"Channel error: {exception.Message}");
            }
        }
    }
}
