using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.Links;
using PbxLab.Csta.Messages;

namespace PbxLab.Core.Tests.Links;

public sealed class CstaPbxLinkCallEventTests
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

    [Fact]
    public async Task Snapshot_calls_reach_sink_after_line_state()
    {
        await using var server = new FakeCstaServer();
        server.Snapshots[A] = new SnapshotDeviceResponse(
            [
                new SnapshotDeviceItem(new ConnectionId("9", A), SnapshotCallState.Compound(LocalConnectionState.Hold, LocalConnectionState.Connected)),
                new SnapshotDeviceItem(new ConnectionId(null, A), SnapshotCallState.Compound(LocalConnectionState.Connected)),
                new SnapshotDeviceItem(new ConnectionId("10", A), SnapshotCallState.Unknown),
            ],
            null);
        var sink = new CallEventSink();
        await using var link = new CstaPbxLink(Options(server.Port, A, B), sink, new FakeTimeProvider(), NullLoggerFactory.Instance);

        await link.StartAsync(CancellationToken.None);
        await sink.WaitForAsync("phase Running");

        Assert.Equal(
            [
                "phase Connecting",
                "phase Registering",
                "phase Monitoring",
                "line 200 Busy",
                "snapshot pbx1 200 [9:Hold, 10:]",
                "line 201 Available",
                "snapshot pbx1 201 []",
                "phase Running",
            ],
            sink.Calls);
    }

    // Each event's line-state change reaches the sink before the event itself.
    [Fact]
    public async Task Call_events_reach_sink_in_order()
    {
        await using var server = new FakeCstaServer();
        var sink = new CallEventSink();
        await using var link = new CstaPbxLink(Options(server.Port, A, B), sink, new FakeTimeProvider(), NullLoggerFactory.Instance);
        await link.StartAsync(CancellationToken.None);
        await sink.WaitForAsync("phase Running");
        var monitorA = FakeCstaServer.MonitorCrossRefIdFor(A, 1);
        var monitorB = FakeCstaServer.MonitorCrossRefIdFor(B, 1);
        var a = ExtendedDeviceId.Known(A);
        var b = ExtendedDeviceId.Known(B);
        var events = new CstaEvent[]
        {
            new ServiceInitiatedEvent(monitorA, new ConnectionId("1", A), a, LocalConnectionState.Initiated, EventCause.MakeCall),
            new OriginatedEvent(monitorA, new ConnectionId("1", A), a, b, LocalConnectionState.Connected, EventCause.NewCall),
            new DeliveredEvent(monitorA, new ConnectionId("1", B), b, a, b, LocalConnectionState.Connected, EventCause.NewCall),
            new DeliveredEvent(monitorB, new ConnectionId("1", B), b, a, b, LocalConnectionState.Alerting, EventCause.NewCall),
            new EstablishedEvent(monitorB, new ConnectionId("1", B), b, a, b, LocalConnectionState.Connected, EventCause.NewCall),
            new HeldEvent(monitorB, new ConnectionId("1", B), b, LocalConnectionState.Hold, EventCause.Normal),
            new RetrievedEvent(monitorB, new ConnectionId("1", B), b, LocalConnectionState.Connected, EventCause.Normal),
            new DoNotDisturbEvent(monitorB, B, true),
            new DivertedEvent(monitorA, new ConnectionId("2", A), a, b, null, a, LocalConnectionState.Null, EventCause.CallForwardImmediate),
            new TransferedEvent(monitorA, new ConnectionId("1", A), new ConnectionId("3", A), a, b, [new ConnectionListItem(new ConnectionId("3", B), new ConnectionId("1", B), B)], LocalConnectionState.Null, EventCause.Transfer),
            new ConferencedEvent(monitorB, new ConnectionId("3", B), null, b, a, [], LocalConnectionState.Connected, EventCause.Conference),
            new FailedEvent(monitorA, new ConnectionId("4", B), b, a, b, LocalConnectionState.Fail, EventCause.Busy),
            new ConnectionClearedEvent(monitorB, new ConnectionId("3", B), b, LocalConnectionState.Null, EventCause.NormalClearing),
            new CallClearedEvent(monitorB, new ConnectionId("3", null), EventCause.NormalClearing),
            new CallClearedEvent("unknown-monitor", new ConnectionId("3", null), EventCause.NormalClearing),
        };

        foreach (var cstaEvent in events)
        {
            await server.SendAsync(cstaEvent);
        }

        await sink.WaitForAsync("pbx1 201 CallClearedEvent");

        Assert.Equal(
            [
                "line 200 Busy",
                "pbx1 200 ServiceInitiatedEvent",
                "pbx1 200 OriginatedEvent",
                "pbx1 200 DeliveredEvent",
                "pbx1 201 DeliveredEvent",
                "line 201 Busy",
                "pbx1 201 EstablishedEvent",
                "pbx1 201 HeldEvent",
                "pbx1 201 RetrievedEvent",
                "line 201 DoNotDisturb",
                "pbx1 200 DivertedEvent",
                "line 200 Available",
                "pbx1 200 TransferedEvent",
                "pbx1 201 ConferencedEvent",
                "line 200 Busy",
                "pbx1 200 FailedEvent",
                "pbx1 201 ConnectionClearedEvent",
                "pbx1 201 CallClearedEvent",
            ],
            sink.Calls.SkipWhile(call => call != "phase Running").Skip(1).ToList());
        Assert.Equal(events.Where(cstaEvent => cstaEvent.MonitorCrossRefId != "unknown-monitor" && cstaEvent is not DoNotDisturbEvent), sink.Events);
    }
}
