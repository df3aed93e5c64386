using PbxLab.Core.Links;
using PbxLab.Core.Presence;
using PbxLab.Csta.Messages;

namespace PbxLab.Core.Tests.Links;

public sealed class LineStateTrackerTests
{
    private const string A = "200";
    private const string B = "201";
    private const string MonitorA = "m200";
    private const string MonitorB = "m201";

    private static readonly SnapshotDeviceResponse NoCalls = new([], null);

    private static LineStateTracker CreateSynchronisedTracker()
    {
        var tracker = new LineStateTracker([A, B]);
        tracker.AddMonitor(MonitorA, A);
        tracker.AddMonitor(MonitorB, B);
        tracker.ApplyResync(A, NoCalls, false);
        tracker.ApplyResync(B, NoCalls, false);
        return tracker;
    }

    private static List<DeviceStateChange> ApplyAll(LineStateTracker tracker, params CstaEvent[] events) =>
        events.SelectMany(tracker.Apply).ToList();

    private static ConnectionId Call(string callId, string device) => new(callId, device);

    [Fact]
    public void Resync_reports_available_once()
    {
        var tracker = new LineStateTracker([A]);
        tracker.AddMonitor(MonitorA, A);

        var first = tracker.ApplyResync(A, NoCalls, false);
        var second = tracker.ApplyResync(A, NoCalls, false);

        Assert.Equal([DeviceStateChange.Line(A, LineState.Available)], first);
        Assert.Empty(second);
    }

    [Fact]
    public void Outgoing_call_sequence_on_caller()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new ServiceInitiatedEvent(MonitorA, Call("1", A), null, LocalConnectionState.Initiated, EventCause.MakeCall),
            new OriginatedEvent(MonitorA, Call("1", A), null, null, LocalConnectionState.Connected, EventCause.NewCall),
            new DeliveredEvent(MonitorA, Call("1", B), null, null, null, LocalConnectionState.Connected, EventCause.NewCall),
            new EstablishedEvent(MonitorA, Call("1", B), null, null, null, LocalConnectionState.Connected, EventCause.NewCall),
            new ConnectionClearedEvent(MonitorA, Call("1", A), null, LocalConnectionState.Null, EventCause.NormalClearing));

        Assert.Equal(
            [DeviceStateChange.Line(A, LineState.Busy), DeviceStateChange.Line(A, LineState.Available)],
            changes);
    }

    [Fact]
    public void Incoming_call_rings_then_answered_then_cleared()
    {
        var tracker = CreateSynchronisedTracker();

        var ringing = ApplyAll(tracker, new DeliveredEvent(MonitorB, Call("1", B), null, null, null, LocalConnectionState.Alerting, EventCause.NewCall));
        var answered = ApplyAll(tracker, new EstablishedEvent(MonitorB, Call("1", B), null, null, null, LocalConnectionState.Connected, EventCause.NewCall));
        var cleared = ApplyAll(tracker, new ConnectionClearedEvent(MonitorB, Call("1", A), null, LocalConnectionState.Null, EventCause.NormalClearing));

        Assert.Empty(ringing);
        Assert.Equal([DeviceStateChange.Line(B, LineState.Busy)], answered);
        Assert.Equal([DeviceStateChange.Line(B, LineState.Available)], cleared);
    }

    [Fact]
    public void Missed_call_changes_nothing()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new DeliveredEvent(MonitorB, Call("1", B), null, null, null, LocalConnectionState.Alerting, EventCause.NewCall),
            new ConnectionClearedEvent(MonitorB, Call("1", B), null, LocalConnectionState.Null, EventCause.CallCancelled));

        Assert.Empty(changes);
        Assert.Equal(LineState.Available, tracker.ReportedLineState(B));
    }

    [Fact]
    public void Second_call_ringing_keeps_busy_after_first_clears()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new EstablishedEvent(MonitorB, Call("1", B), null, null, null, LocalConnectionState.Connected, null),
            new DeliveredEvent(MonitorB, Call("2", B), null, null, null, LocalConnectionState.Alerting, null),
            new ConnectionClearedEvent(MonitorB, Call("1", B), null, LocalConnectionState.Null, null),
            new ConnectionClearedEvent(MonitorB, Call("2", B), null, LocalConnectionState.Null, null));

        Assert.Equal(
            [DeviceStateChange.Line(B, LineState.Busy), DeviceStateChange.Line(B, LineState.Available)],
            changes);
    }

    [Fact]
    public void Hold_and_retrieve_stay_busy()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new EstablishedEvent(MonitorA, Call("1", A), null, null, null, LocalConnectionState.Connected, null),
            new HeldEvent(MonitorA, Call("1", A), null, LocalConnectionState.Hold, null),
            new RetrievedEvent(MonitorA, Call("1", A), null, LocalConnectionState.Connected, null),
            new ConnectionClearedEvent(MonitorA, Call("1", A), null, LocalConnectionState.Null, null));

        Assert.Equal(
            [DeviceStateChange.Line(A, LineState.Busy), DeviceStateChange.Line(A, LineState.Available)],
            changes);
    }

    [Fact]
    public void Missing_local_state_is_implied_for_own_connection()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new EstablishedEvent(MonitorA, Call("1", "N<200!98>"), null, null, null, null, null),
            new HeldEvent(MonitorA, Call("1", B), null, null, null),
            new ConnectionClearedEvent(MonitorA, Call("1", A), null, null, null));

        Assert.Equal(
            [DeviceStateChange.Line(A, LineState.Busy), DeviceStateChange.Line(A, LineState.Available)],
            changes);
    }

    [Fact]
    public void Dnd_wins_over_calls_and_returns_to_busy()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new DoNotDisturbEvent(MonitorA, A, true),
            new EstablishedEvent(MonitorA, Call("1", A), null, null, null, LocalConnectionState.Connected, null),
            new DoNotDisturbEvent(MonitorA, A, false),
            new ConnectionClearedEvent(MonitorA, Call("1", A), null, LocalConnectionState.Null, null));

        Assert.Equal(
            [
                DeviceStateChange.Line(A, LineState.DoNotDisturb),
                DeviceStateChange.Line(A, LineState.Busy),
                DeviceStateChange.Line(A, LineState.Available),
            ],
            changes);
    }

    [Fact]
    public void Dnd_off_while_ringing_returns_available()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new DoNotDisturbEvent(MonitorA, A, true),
            new DeliveredEvent(MonitorA, Call("1", A), null, null, null, LocalConnectionState.Alerting, null),
            new DoNotDisturbEvent(MonitorA, A, false));

        Assert.Equal(
            [DeviceStateChange.Line(A, LineState.DoNotDisturb), DeviceStateChange.Line(A, LineState.Available)],
            changes);
    }

    [Fact]
    public void Out_of_service_then_back_recomputes()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new EstablishedEvent(MonitorA, Call("1", A), null, null, null, LocalConnectionState.Connected, null),
            new OutOfServiceEvent(MonitorA, A, null),
            new BackInServiceEvent(MonitorA, A, null),
            new ConnectionClearedEvent(MonitorA, Call("1", A), null, LocalConnectionState.Null, null));

        Assert.Equal(
            [
                DeviceStateChange.Line(A, LineState.Busy),
                DeviceStateChange.Line(A, LineState.Offline),
                DeviceStateChange.Line(A, LineState.Busy),
                DeviceStateChange.Line(A, LineState.Available),
            ],
            changes);
    }

    [Fact]
    public void Event_of_unknown_monitor_is_ignored()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(tracker, new EstablishedEvent("other", Call("1", A), null, null, null, LocalConnectionState.Connected, null));

        Assert.Empty(changes);
    }

    [Fact]
    public void User_presence_reports_only_changes()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new UserPresenceEvent(MonitorA, A, Mivo400UserPresence.Absent),
            new UserPresenceEvent(MonitorA, A, Mivo400UserPresence.Absent),
            new UserPresenceEvent(MonitorA, A, Mivo400UserPresence.NotAvailable));

        Assert.Equal(
            [DeviceStateChange.Presence(A, PbxUserPresence.Absent), DeviceStateChange.Presence(A, PbxUserPresence.NotAvailable)],
            changes);
    }

    [Fact]
    public void Link_down_reports_every_device_offline()
    {
        var tracker = CreateSynchronisedTracker();
        ApplyAll(tracker, new EstablishedEvent(MonitorA, Call("1", A), null, null, null, LocalConnectionState.Connected, null));

        var down = tracker.SetLinkDown();
        var eventWhileDown = ApplyAll(tracker, new EstablishedEvent(MonitorA, Call("2", A), null, null, null, LocalConnectionState.Connected, null));

        Assert.Equal([DeviceStateChange.Line(A, LineState.Offline), DeviceStateChange.Line(B, LineState.Offline)], down);
        Assert.Empty(eventWhileDown);
        Assert.Null(tracker.DeviceOf(MonitorA));
    }

    [Fact]
    public void Never_synchronised_device_goes_offline_on_link_down()
    {
        var tracker = new LineStateTracker([A]);

        var down = tracker.SetLinkDown();

        Assert.Equal([DeviceStateChange.Line(A, LineState.Offline)], down);
    }

    [Fact]
    public void Resync_after_reconnect_restores_state()
    {
        var tracker = CreateSynchronisedTracker();
        tracker.SetLinkDown();
        tracker.AddMonitor("new-a", A);
        tracker.AddMonitor("new-b", B);
        var busySnapshot = new SnapshotDeviceResponse(
            [new SnapshotDeviceItem(Call("7", A), SnapshotCallState.Simple(SimpleCallState.CallEstablished))],
            new Mivo400UserPresenceData(A, Mivo400UserPresence.Meeting));
        var ringingSnapshot = new SnapshotDeviceResponse(
            [new SnapshotDeviceItem(Call("8", B), SnapshotCallState.Compound(LocalConnectionState.Alerting))],
            null);

        var a = tracker.ApplyResync(A, busySnapshot, false);
        var b = tracker.ApplyResync(B, ringingSnapshot, true);
        var later = ApplyAll(tracker, new ConnectionClearedEvent("new-a", Call("7", A), null, LocalConnectionState.Null, null));

        Assert.Equal([DeviceStateChange.Presence(A, PbxUserPresence.Meeting), DeviceStateChange.Line(A, LineState.Busy)], a);
        Assert.Equal([DeviceStateChange.Line(B, LineState.DoNotDisturb)], b);
        Assert.Equal([DeviceStateChange.Line(A, LineState.Available)], later);
    }

    [Fact]
    public void Ringing_only_snapshot_is_available()
    {
        var tracker = new LineStateTracker([B]);
        tracker.AddMonitor(MonitorB, B);
        var snapshot = new SnapshotDeviceResponse(
            [new SnapshotDeviceItem(Call("8", B), SnapshotCallState.Simple(SimpleCallState.CallReceived))],
            null);

        var changes = tracker.ApplyResync(B, snapshot, null);

        Assert.Equal([DeviceStateChange.Line(B, LineState.Available)], changes);
    }

    [Fact]
    public void Call_cleared_event_ends_call()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new EstablishedEvent(MonitorA, Call("1", A), null, null, null, LocalConnectionState.Connected, null),
            new CallClearedEvent(MonitorA, new ConnectionId("1", null), EventCause.NormalClearing));

        Assert.Equal(
            [DeviceStateChange.Line(A, LineState.Busy), DeviceStateChange.Line(A, LineState.Available)],
            changes);
    }

    [Fact]
    public void Diverted_ringing_call_changes_nothing()
    {
        var tracker = CreateSynchronisedTracker();

        var changes = ApplyAll(
            tracker,
            new DeliveredEvent(MonitorB, Call("1", B), null, null, null, LocalConnectionState.Alerting, null),
            new DivertedEvent(MonitorB, Call("1", B), ExtendedDeviceId.Known(B), ExtendedDeviceId.Known("202"), null, null, null, EventCause.CallForwardNoAnswer),
            new EstablishedEvent(MonitorB, Call("2", B), null, null, null, LocalConnectionState.Connected, null),
            new ConnectionClearedEvent(MonitorB, Call("2", B), null, LocalConnectionState.Null, null));

        Assert.Equal(
            [DeviceStateChange.Line(B, LineState.Busy), DeviceStateChange.Line(B, LineState.Available)],
            changes);
    }

    [Fact]
    public void Transferring_device_leaves_both_calls()
    {
        var tracker = CreateSynchronisedTracker();
        ConnectionListItem[] moved = [new(Call("9", B), Call("1", B), B)];

        var changes = ApplyAll(
            tracker,
            new EstablishedEvent(MonitorA, Call("1", A), null, null, null, LocalConnectionState.Connected, null),
            new HeldEvent(MonitorA, Call("1", A), null, LocalConnectionState.Hold, null),
            new OriginatedEvent(MonitorA, Call("2", A), null, null, LocalConnectionState.Connected, null),
            new TransferedEvent(MonitorA, Call("1", A), Call("2", A), ExtendedDeviceId.Known(A), ExtendedDeviceId.Known("202"), moved, null, EventCause.Transfer));

        Assert.Equal(
            [DeviceStateChange.Line(A, LineState.Busy), DeviceStateChange.Line(A, LineState.Available)],
            changes);
    }

    [Fact]
    public void Transferred_party_moves_to_new_call()
    {
        var tracker = CreateSynchronisedTracker();
        ConnectionListItem[] moved = [new(Call("9", B), Call("1", B), B)];

        var changes = ApplyAll(
            tracker,
            new EstablishedEvent(MonitorB, Call("1", B), null, null, null, LocalConnectionState.Connected, null),
            new TransferedEvent(MonitorB, Call("1", A), Call("2", A), ExtendedDeviceId.Known(A), ExtendedDeviceId.Known("202"), moved, LocalConnectionState.Connected, EventCause.Transfer),
            new ConnectionClearedEvent(MonitorB, Call("1", B), null, LocalConnectionState.Null, null),
            new ConnectionClearedEvent(MonitorB, Call("9", B), null, LocalConnectionState.Null, null));

        Assert.Equal(
            [DeviceStateChange.Line(B, LineState.Busy), DeviceStateChange.Line(B, LineState.Available)],
            changes);
        Assert.Equal(LineState.Available, tracker.ReportedLineState(B));
    }

    [Fact]
    public void Conferencing_device_stays_busy_in_new_call()
    {
        var tracker = CreateSynchronisedTracker();
        ConnectionListItem[] moved = [new(Call("9", A), Call("1", A), A), new(Call("9", A), Call("2", A), A)];

        var during = ApplyAll(
            tracker,
            new EstablishedEvent(MonitorA, Call("1", A), null, null, null, LocalConnectionState.Connected, null),
            new HeldEvent(MonitorA, Call("1", A), null, LocalConnectionState.Hold, null),
            new OriginatedEvent(MonitorA, Call("2", A), null, null, LocalConnectionState.Connected, null),
            new ConferencedEvent(MonitorA, Call("1", A), Call("2", A), ExtendedDeviceId.Known(A), ExtendedDeviceId.Known("202"), moved, LocalConnectionState.Connected, EventCause.Conference));
        var after = ApplyAll(tracker, new ConnectionClearedEvent(MonitorA, Call("9", A), null, LocalConnectionState.Null, null));

        Assert.Equal([DeviceStateChange.Line(A, LineState.Busy)], during);
        Assert.Equal([DeviceStateChange.Line(A, LineState.Available)], after);
    }
}
