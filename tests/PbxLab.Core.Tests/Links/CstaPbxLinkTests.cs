using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.Links;
using PbxLab.Core.Tests.TestSupport;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;

namespace PbxLab.Core.Tests.Links;

public sealed class CstaPbxLinkTests
{
    private const string A = "200";
    private const string B = "201";

    private static PbxLinkOptions Options(int port, params string[] devices) =>
        new("pbx1", "127.0.0.1", port, "mivo400", devices)
        {
            HeartbeatInterval = TimeSpan.FromSeconds(30),
            RequestTimeout = TimeSpan.FromSeconds(10),
            InitialReconnectDelay = TimeSpan.FromSeconds(1),
            MaxReconnectDelay = TimeSpan.FromSeconds(4),
        };

    private static CstaPbxLink CreateLink(PbxLinkOptions options, RecordingSink sink, FakeTimeProvider time) =>
        new(options, sink, time, NullLoggerFactory.Instance);

    [Fact]
    public async Task Silent_pbx_registers_monitors_and_resyncs()
    {
        await using var server = new FakeCstaServer();
        server.RefusedDevices[B] = true;
        server.Snapshots[A] = new SnapshotDeviceResponse(
            [new SnapshotDeviceItem(new ConnectionId("9", A), SnapshotCallState.Compound(LocalConnectionState.Connected))],
            null);
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A, B), sink, new FakeTimeProvider());

        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        Assert.Equal(
            [
                "phase Connecting",
                "phase Registering",
                "phase Monitoring",
                "monitor 200 1-200",
                "refused 201 systemResourceAvailibility/overallMonitorLimitExceeded",
                "line 200 Busy",
                "phase Running",
            ],
            sink.Calls);
        Assert.Equal(PbxLinkPhase.Running, link.Phase);
        Assert.Equal("1 of 2 devices monitored.", sink.Phases[^1].Reason);

        var received = server.Received(1).Select(envelope => envelope.Message).ToList();
        Assert.Equal(new SystemRegister(true, false), received[0]);
        Assert.Contains(new MonitorStart(MonitorObject.Device(A), MonitorType.Device), received);
        Assert.Contains(new SnapshotDevice(A), received);
        Assert.Contains(new GetDoNotDisturb(A), received);
        Assert.DoesNotContain(new SnapshotDevice(B), received);
    }

    [Fact]
    public async Task Pbx_speaking_first_gets_system_status_response()
    {
        await using var server = new FakeCstaServer { SpeaksFirst = true };
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, new FakeTimeProvider());

        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);
        await server.SendAsync(new SystemStatus("27ss", SystemStatusValue.Normal), invokeId: 4321);

        var first = await server.WaitForAsync(envelope => envelope.Message is SystemStatusResponse && envelope.InvokeId == 7);
        var heartbeat = await server.WaitForAsync(envelope => envelope.Message is SystemStatusResponse && envelope.InvokeId == 4321);
        Assert.Equal(7, first.InvokeId);
        Assert.Equal(4321, heartbeat.InvokeId);
    }

    [Fact]
    public async Task Traffic_counts_each_handled_message()
    {
        await using var server = new FakeCstaServer();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, new FakeTimeProvider());
        Assert.Null(link.Traffic);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);
        var before = link.Traffic!;
        var monitor = FakeCstaServer.MonitorCrossRefIdFor(A, 1);

        await server.SendAsync(new DoNotDisturbEvent(monitor, A, true));
        await sink.WaitForCountAsync("line 200 DoNotDisturb", 1);

        // The count goes up once the handler returns, just after the sink heard of the event.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (link.Traffic!.MessagesHandled == before.MessagesHandled && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.NotNull(before.LocalEndPoint);
        Assert.True(before.MessagesHandled >= 4, $"only {before.MessagesHandled} messages handled while registering");
        Assert.Equal(before.MessagesHandled + 1, link.Traffic!.MessagesHandled);
    }

    [Fact]
    public async Task Events_become_ordered_line_states()
    {
        await using var server = new FakeCstaServer();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, new FakeTimeProvider());
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);
        var monitor = FakeCstaServer.MonitorCrossRefIdFor(A, 1);

        await server.SendAsync(new DeliveredEvent(monitor, new ConnectionId("1", A), null, null, null, LocalConnectionState.Alerting, EventCause.NewCall));
        await server.SendAsync(new EstablishedEvent(monitor, new ConnectionId("1", A), null, null, null, LocalConnectionState.Connected, EventCause.NewCall));
        await server.SendAsync(new DoNotDisturbEvent(monitor, A, true));
        await server.SendAsync(new DoNotDisturbEvent(monitor, A, false));
        await server.SendAsync(new ConnectionClearedEvent(monitor, new ConnectionId("1", A), null, LocalConnectionState.Null, EventCause.NormalClearing));
        await server.SendAsync(new UserPresenceEvent(monitor, A, Mivo400UserPresence.Absent));
        await server.SendAsync(new OutOfServiceEvent(monitor, A, null));
        await sink.WaitForCountAsync("line 200 Offline", 1);

        Assert.Equal(
            [
                "line 200 Available",
                "phase Running",
                "line 200 Busy",
                "line 200 DoNotDisturb",
                "line 200 Busy",
                "line 200 Available",
                "presence 200 Absent",
                "line 200 Offline",
            ],
            sink.Calls.Skip(4));
    }

    [Fact]
    public async Task Dropped_connection_goes_offline_and_reconnects()
    {
        await using var server = new FakeCstaServer();
        server.DoNotDisturb[A] = true;
        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, time);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        server.DoNotDisturb[A] = false;
        server.DropConnection();
        await sink.WaitForCountAsync("phase Disconnected", 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await sink.WaitForCountAsync("phase Running", 2);

        Assert.Equal(
            [
                "phase Connecting",
                "phase Registering",
                "phase Monitoring",
                "monitor 200 1-200",
                "line 200 DoNotDisturb",
                "phase Running",
                "line 200 Offline",
                "phase Disconnected",
                "phase Connecting",
                "phase Registering",
                "phase Monitoring",
                "monitor 200 2-200",
                "line 200 Available",
                "phase Running",
            ],
            sink.Calls);
        var disconnected = sink.Phases.Single(phase => phase.Phase == PbxLinkPhase.Disconnected).Reason;
        Assert.Equal(
            $"Link pbx1 to 127.0.0.1:{server.Port} failed while Running: The connection was closed. Pending invoke ids: none. Reconnecting in 1 s.",
            disconnected);
        Assert.Contains(new SnapshotDevice(A), server.Received(2).Select(envelope => envelope.Message));
    }

    [Fact]
    public async Task Events_after_reconnect_use_new_monitor()
    {
        await using var server = new FakeCstaServer();
        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, time);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);
        server.DropConnection();
        await sink.WaitForCountAsync("phase Disconnected", 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await sink.WaitForCountAsync("phase Running", 2);

        await server.SendAsync(new EstablishedEvent(FakeCstaServer.MonitorCrossRefIdFor(A, 1), new ConnectionId("1", A), null, null, null, LocalConnectionState.Connected, null));
        await server.SendAsync(new EstablishedEvent(FakeCstaServer.MonitorCrossRefIdFor(A, 2), new ConnectionId("2", A), null, null, null, LocalConnectionState.Connected, null));
        await sink.WaitForCountAsync("line 200 Busy", 1);

        Assert.Equal(["line 200 Available", "phase Running", "line 200 Busy"], sink.Calls.TakeLast(3));
    }

    [Fact]
    public async Task Reconnect_back_off_doubles_up_to_maximum()
    {
        int port;
        await using (var closed = new FakeCstaServer())
        {
            port = closed.Port;
        }

        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(port, A), sink, time);
        await link.StartAsync(CancellationToken.None);

        foreach (var (attempt, delaySeconds) in new[] { (1, 1), (2, 2), (3, 4), (4, 4) })
        {
            await sink.WaitForCountAsync("phase Disconnected", attempt);
            time.Advance(TimeSpan.FromSeconds(delaySeconds));
        }

        await sink.WaitForCountAsync("phase Disconnected", 5);
        var reasons = sink.Phases.Where(phase => phase.Phase == PbxLinkPhase.Disconnected).Select(phase => phase.Reason!).ToList();
        Assert.EndsWith("Reconnecting in 1 s.", reasons[0], StringComparison.Ordinal);
        Assert.EndsWith("Reconnecting in 2 s.", reasons[1], StringComparison.Ordinal);
        Assert.EndsWith("Reconnecting in 4 s.", reasons[2], StringComparison.Ordinal);
        Assert.EndsWith("Reconnecting in 4 s.", reasons[3], StringComparison.Ordinal);
        Assert.StartsWith($"Connecting to 127.0.0.1:{port} failed:", reasons[0], StringComparison.Ordinal);
        Assert.Equal("line 200 Offline", sink.Calls[1]);
        Assert.Single(sink.Calls, call => call == "line 200 Offline");
    }

    [Fact]
    public async Task Back_off_waits_full_delay_before_retry()
    {
        int port;
        await using (var closed = new FakeCstaServer())
        {
            port = closed.Port;
        }

        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(port, A), sink, time);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Disconnected", 1);

        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(100);

        Assert.Single(sink.Calls, call => call == "phase Connecting");
    }

    [Fact]
    public async Task Silent_pbx_gets_heartbeat_and_timeout_drops_link()
    {
        await using var server = new FakeCstaServer { AnswersHeartbeat = false };
        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A, B), sink, time);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        time.Advance(TimeSpan.FromSeconds(30));
        var heartbeat = await server.WaitForAsync(envelope => envelope.Message is RequestSystemStatus);
        time.Advance(TimeSpan.FromSeconds(10));
        await sink.WaitForCountAsync("phase Disconnected", 1);

        Assert.Equal(["line 200 Offline", "line 201 Offline", "phase Disconnected"], sink.Calls.TakeLast(3));
        var reason = sink.Phases[^1].Reason;
        Assert.Equal(
            $"Link pbx1 to 127.0.0.1:{server.Port} failed while Running: Heartbeat failed: RequestSystemStatus with invoke id {heartbeat.InvokeId:D4} got no response within 10 s. Pending invoke ids: none. Reconnecting in 1 s.",
            reason);
    }

    [Fact]
    public async Task Answered_heartbeat_keeps_link_running()
    {
        await using var server = new FakeCstaServer();
        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, time);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        time.Advance(TimeSpan.FromSeconds(30));
        await server.WaitForAsync(envelope => envelope.Message is RequestSystemStatus);

        // The event follows the heartbeat response on the same connection, so once the sink
        // has it the response has been handled too.
        await server.SendAsync(new EstablishedEvent(FakeCstaServer.MonitorCrossRefIdFor(A, 1), new ConnectionId("1", A), null, null, null, LocalConnectionState.Connected, null));
        await sink.WaitForCountAsync("line 200 Busy", 1);
        time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(100);

        Assert.Equal([], sink.Phases.Where(phase => phase.Phase == PbxLinkPhase.Disconnected).Select(phase => phase.Reason));
        Assert.Equal(PbxLinkPhase.Running, link.Phase);
    }

    [Fact]
    public async Task Traffic_from_pbx_postpones_heartbeat()
    {
        await using var server = new FakeCstaServer();
        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, time);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        time.Advance(TimeSpan.FromSeconds(20));
        await server.SendAsync(new SystemStatus(null, SystemStatusValue.Normal), invokeId: 12);
        await server.WaitForAsync(envelope => envelope.InvokeId == 12);
        time.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(100);

        Assert.DoesNotContain(server.Received(1), envelope => envelope.Message is RequestSystemStatus);
    }

    [Fact]
    public async Task Monitor_start_timeout_drops_link()
    {
        await using var server = new FakeCstaServer();
        server.SilentDevices[A] = true;
        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, time);
        await link.StartAsync(CancellationToken.None);

        var request = await server.WaitForAsync(envelope => envelope.Message is MonitorStart);
        time.Advance(TimeSpan.FromSeconds(10));
        await sink.WaitForCountAsync("phase Disconnected", 1);

        Assert.Equal(
            $"Link pbx1 to 127.0.0.1:{server.Port} failed while Monitoring: MonitorStart with invoke id {request.InvokeId:D4} got no response within 10 s. Pending invoke ids: none. Reconnecting in 1 s.",
            sink.Phases[^1].Reason);
        Assert.Equal(["line 200 Offline", "phase Disconnected"], sink.Calls.TakeLast(2));
    }

    [Fact]
    public async Task Drop_while_monitoring_names_pending_ids()
    {
        await using var server = new FakeCstaServer();
        server.SilentDevices[A] = true;
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, new FakeTimeProvider());
        await link.StartAsync(CancellationToken.None);

        var request = await server.WaitForAsync(envelope => envelope.Message is MonitorStart);
        server.DropConnection();
        await sink.WaitForCountAsync("phase Disconnected", 1);

        Assert.Equal(
            $"Link pbx1 to 127.0.0.1:{server.Port} failed while Monitoring: The connection was closed. Pending invoke ids: {request.InvokeId:D4}. Reconnecting in 1 s.",
            sink.Phases[^1].Reason);
    }

    [Theory]
    [InlineData("mivo400", "ed5")]
    [InlineData("mxone", "ed4")]
    [InlineData("mivoice5000", "ed5")]
    [InlineData("mivb", "ed5")]
    public async Task Profile_selects_written_edition(string profile, string edition)
    {
        await using var server = new FakeCstaServer();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A) with { Profile = profile }, sink, new FakeTimeProvider());

        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        Assert.All(server.ReceivedXml, xml => Assert.Contains($"xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/{edition}\"", xml, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Link_accepts_any_edition_on_input()
    {
        await using var server = new FakeCstaServer(PbxLab.Csta.CstaEdition.Ed3);
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, new FakeTimeProvider());

        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        Assert.Contains("monitor 200 1-200", sink.Calls);
    }

    [Fact]
    public void Unknown_profile_is_rejected()
    {
        var options = new PbxLinkOptions("pbx1", "127.0.0.1", 7001, "mivo999", [A]);

        var exception = Assert.Throws<ArgumentException>(() => CreateLink(options, new RecordingSink(), new FakeTimeProvider()));

        Assert.StartsWith("Link 'pbx1' has profile 'mivo999', which is not known; use mivo400, mivoice5000, mxone or mivb.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_request_from_pbx_gets_error_code()
    {
        await using var server = new FakeCstaServer();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, new FakeTimeProvider());
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        await server.SendAsync(new MonitorStop("x"), invokeId: 55);

        var answer = await server.WaitForAsync(envelope => envelope.InvokeId == 55);
        Assert.Equal(new CstaErrorCode("operation", "serviceNotSupported"), answer.Message);
        Assert.Equal(PbxLinkPhase.Running, link.Phase);
        Assert.NotEqual(CstaEnvelope.EventInvokeId, answer.InvokeId);
    }

    [Fact]
    public async Task Undecodable_frames_keep_link_running()
    {
        await using var server = new FakeCstaServer();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, new FakeTimeProvider());
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);
        var monitor = FakeCstaServer.MonitorCrossRefIdFor(A, 1);

        await server.SendRawAsync(9999, "<DeliveredEvent><monitorCrossRefID>" + monitor + "</monitorCrossRefID>");
        await server.SendRawAsync(56, "<ConferenceCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"/>");
        var answer = await server.WaitForAsync(envelope => envelope.InvokeId == 56);
        await server.SendAsync(new EstablishedEvent(monitor, new ConnectionId("1", A), null, null, null, LocalConnectionState.Connected, null));
        await sink.WaitForCountAsync("line 200 Busy", 1);

        Assert.Equal(new CstaErrorCode("operation", "serviceNotSupported"), answer.Message);
        Assert.DoesNotContain(server.Received(1), envelope => envelope.InvokeId == CstaEnvelope.EventInvokeId);
        Assert.Equal(PbxLinkPhase.Running, link.Phase);
    }

    [Fact]
    public async Task Resync_reports_user_presence_from_snapshot()
    {
        await using var server = new FakeCstaServer();
        server.Snapshots[A] = new SnapshotDeviceResponse([], new Mivo400UserPresenceData(A, Mivo400UserPresence.Meeting));
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, new FakeTimeProvider());

        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        Assert.Equal(["monitor 200 1-200", "presence 200 Meeting", "line 200 Available", "phase Running"], sink.Calls.Skip(3));
    }

    [Fact]
    public async Task Throwing_sink_does_not_stop_link()
    {
        await using var server = new FakeCstaServer();
        var sink = new ThrowingSink();
        await using var link = new CstaPbxLink(Options(server.Port, A), sink, new FakeTimeProvider(), NullLoggerFactory.Instance);

        await link.StartAsync(CancellationToken.None);
        await server.WaitForAsync(envelope => envelope.Message is GetDoNotDisturb);
        await server.SendAsync(new EstablishedEvent(FakeCstaServer.MonitorCrossRefIdFor(A, 1), new ConnectionId("1", A), null, null, null, LocalConnectionState.Connected, null));
        await server.SendAsync(new SystemStatus(null, SystemStatusValue.Normal), invokeId: 77);
        await server.WaitForAsync(envelope => envelope.InvokeId == 77);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (link.Phase != PbxLinkPhase.Running && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(PbxLinkPhase.Running, link.Phase);
    }

    [Fact]
    public async Task Bad_frame_from_pbx_drops_and_reconnects()
    {
        await using var server = new FakeCstaServer();
        var time = new FakeTimeProvider();
        var sink = new RecordingSink();
        await using var link = CreateLink(Options(server.Port, A), sink, time);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        await server.SendBytesAsync([0x01, 0x00, 0x00, 0x10, (byte)'9', (byte)'9', (byte)'9', (byte)'9']);
        await sink.WaitForCountAsync("phase Disconnected", 1);
        time.Advance(TimeSpan.FromSeconds(1));
        await sink.WaitForCountAsync("phase Running", 2);

        Assert.Equal(
            $"Link pbx1 to 127.0.0.1:{server.Port} failed while Running: The connection was closed. Pending invoke ids: none. Reconnecting in 1 s.",
            sink.Phases.Single(phase => phase.Phase == PbxLinkPhase.Disconnected).Reason);
        Assert.Equal(2, server.ConnectionCount);
    }

    [Fact]
    public async Task Dispose_stops_link_and_reports_offline()
    {
        await using var server = new FakeCstaServer();
        var sink = new RecordingSink();
        var link = CreateLink(Options(server.Port, A), sink, new FakeTimeProvider());
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        await link.DisposeAsync();

        Assert.Equal(["line 200 Offline", "phase Disconnected"], sink.Calls.TakeLast(2));
        Assert.Equal("The link was stopped.", sink.Phases[^1].Reason);
        Assert.Equal(PbxLinkPhase.Disconnected, link.Phase);
    }

    [Fact]
    public async Task Requested_stop_logs_information()
    {
        await using var server = new FakeCstaServer();
        var logs = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var sink = new RecordingSink();
        var link = new CstaPbxLink(Options(server.Port, A), sink, new FakeTimeProvider(), loggerFactory);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        await link.DisposeAsync();

        var stopped = Assert.Single(logs.Records, record => record.EventId == 1503);
        Assert.Equal(LogLevel.Information, stopped.Level);
        Assert.Equal($"Link pbx1: stopped on request; disconnected from 127.0.0.1:{server.Port}.", stopped.Message);
        Assert.Empty(logs.Records.Where(record => record.Level >= LogLevel.Warning).Select(record => $"{record.EventId} {record.Message}"));
    }

    [Fact]
    public async Task Dropped_connection_logs_warning()
    {
        await using var server = new FakeCstaServer();
        var logs = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var sink = new RecordingSink();
        await using var link = new CstaPbxLink(Options(server.Port, A), sink, new FakeTimeProvider(), loggerFactory);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForCountAsync("phase Running", 1);

        server.DropConnection();
        await sink.WaitForCountAsync("phase Disconnected", 1);

        var disconnected = Assert.Single(logs.Records, record => record.EventId == 1502);
        Assert.Equal(LogLevel.Warning, disconnected.Level);
        Assert.Contains("failed while Running: The connection was closed.", disconnected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Records, record => record.EventId == 1503);
    }

    private sealed class ThrowingSink : IPbxLinkSink
    {
        public void OnLinkPhaseChanged(string linkName, PbxLinkPhase phase, string? reason) => throw new InvalidOperationException("sink failure");

        public void OnMonitorStarted(string linkName, string deviceId, string monitorCrossRefId) => throw new InvalidOperationException("sink failure");

        public void OnMonitorRefused(string linkName, string deviceId, string errorCategory, string errorValue) => throw new InvalidOperationException("sink failure");

        public void OnLineStateChanged(string linkName, string deviceId, PbxLab.Core.Presence.LineState lineState) => throw new InvalidOperationException("sink failure");

        public void OnUserPresenceChanged(string linkName, string deviceId, PbxLab.Core.Presence.PbxUserPresence presence) => throw new InvalidOperationException("sink failure");
    }
}
