using PbxLab.Core.History;
using PbxLab.Core.Links;
using PbxLab.Csta.Messages;
using static PbxLab.Core.Tests.History.CallFlow;

namespace PbxLab.Core.Tests.History;

public sealed class CallHistoryEngineTests
{
    private static CallRecord Expected(
        string device,
        string firstCallId,
        CallDirection direction,
        string? remote,
        double started,
        double? answered,
        double ended,
        CallOutcome outcome) =>
        new()
        {
            RecordId = OpenCall.RecordIdFor(Link, firstCallId, Email(device), TimeAt(started)),
            UserEmail = Email(device),
            Link = Link,
            CallId = firstCallId,
            Direction = direction,
            LocalDevice = device,
            RemoteNumber = remote,
            IsInternal = remote is Alice or Bob or Carol or Unmonitored,
            StartedAt = TimeAt(started),
            AnsweredAt = answered is { } seconds ? TimeAt(seconds) : null,
            EndedAt = TimeAt(ended),
            Outcome = outcome,
        };

    // ECMA-323 MakeCall A→B: the caller sees ServiceInitiated, Originated and the far end's
    // Delivered; the callee sees its own Delivered (alerting). Both see Established.
    private static CallFlow RingAliceToBob(CallFlow flow, string callId = "1")
    {
        return flow
            .Send(Alice, ServiceInitiated(callId, Alice))
            .Send(Alice, Originated(callId, Alice, Bob))
            .Send(Alice, Delivered(Alice, callId, Bob, Alice, Bob))
            .Send(Bob, Delivered(Bob, callId, Bob, Alice, Bob));
    }

    [Fact]
    public void Internal_call_answered_gives_two_records()
    {
        var flow = RingAliceToBob(new CallFlow())
            .At(5).SendTo([Alice, Bob], monitor => Established(monitor, "1", Bob, Alice, Bob))
            .At(65).SendTo([Bob, Alice], monitor => Cleared(monitor, "1", Bob))
            .Send(Alice, CallCleared(Alice, "1"));

        Assert.Equal(
            [
                Expected(Bob, "1", CallDirection.Incoming, Alice, 0, 5, 65, CallOutcome.Answered),
                Expected(Alice, "1", CallDirection.Outgoing, Bob, 0, 5, 65, CallOutcome.Answered),
            ],
            flow.Records);
        Assert.Equal(TimeSpan.FromSeconds(60), flow.RecordOf(Alice).Duration);
        Assert.Equal(TimeSpan.FromSeconds(60), flow.RecordOf(Bob).Duration);
        Assert.Empty(flow.Engine.OpenCalls);
        Assert.Empty(flow.SavedOpenCalls);
    }

    [Fact]
    public void Internal_call_abandoned_by_caller_is_missed()
    {
        var flow = RingAliceToBob(new CallFlow())
            .At(20).SendTo([Alice, Bob], monitor => Cleared(monitor, "1", Alice, local: monitor == Bob ? LocalConnectionState.Alerting : null));

        Assert.Equal(
            [
                Expected(Alice, "1", CallDirection.Outgoing, Bob, 0, null, 20, CallOutcome.Failed),
                Expected(Bob, "1", CallDirection.Incoming, Alice, 0, null, 20, CallOutcome.Missed),
            ],
            flow.Records);
        Assert.Equal(TimeSpan.Zero, flow.RecordOf(Bob).Duration);
    }

    [Fact]
    public void Internal_call_cleared_for_no_answer_is_missed()
    {
        var flow = RingAliceToBob(new CallFlow())
            .At(30).SendTo([Bob, Alice], monitor => Cleared(monitor, "1", Bob, EventCause.CallNotAnswered))
            .SendTo([Alice, Bob], monitor => CallCleared(monitor, "1"));

        Assert.Equal(
            [
                Expected(Bob, "1", CallDirection.Incoming, Alice, 0, null, 30, CallOutcome.Missed),
                Expected(Alice, "1", CallDirection.Outgoing, Bob, 0, null, 30, CallOutcome.Failed),
            ],
            flow.Records);
    }

    [Fact]
    public void Incoming_external_answered()
    {
        var flow = new CallFlow()
            .Send(Bob, Delivered(Bob, "7", Bob, External, Bob))
            .At(8).Send(Bob, Established(Bob, "7", Bob, External, Bob))
            .At(128).Send(Bob, Cleared(Bob, "7", External))
            .Send(Bob, CallCleared(Bob, "7"));

        var record = Assert.Single(flow.Records);
        Assert.Equal(Expected(Bob, "7", CallDirection.Incoming, External, 0, 8, 128, CallOutcome.Answered), record);
        Assert.False(record.IsInternal);
        Assert.Equal(TimeSpan.FromMinutes(2), record.Duration);
    }

    [Fact]
    public void Incoming_external_missed()
    {
        var flow = new CallFlow()
            .Send(Bob, Delivered(Bob, "7", Bob, External, Bob))
            .At(12).Send(Bob, Cleared(Bob, "7", External, local: LocalConnectionState.Alerting))
            .Send(Bob, CallCleared(Bob, "7"));

        Assert.Equal([Expected(Bob, "7", CallDirection.Incoming, External, 0, null, 12, CallOutcome.Missed)], flow.Records);
    }

    [Fact]
    public void Outgoing_external_answered()
    {
        var flow = new CallFlow()
            .Send(Alice, ServiceInitiated("3", Alice))
            .At(2).Send(Alice, Originated("3", Alice, External))
            .At(3).Send(Alice, Delivered(Alice, "3", External, Alice, External))
            .At(10).Send(Alice, Established(Alice, "3", External, Alice, External))
            .At(100).Send(Alice, Cleared(Alice, "3", Alice));

        Assert.Equal([Expected(Alice, "3", CallDirection.Outgoing, External, 0, 10, 100, CallOutcome.Answered)], flow.Records);
        Assert.Equal(TimeSpan.FromSeconds(90), flow.Records[0].Duration);
    }

    [Theory]
    [InlineData(EventCause.Busy)]
    [InlineData(EventCause.DestNotObtainable)]
    public void Outgoing_external_failed(EventCause cause)
    {
        var flow = new CallFlow()
            .Send(Alice, ServiceInitiated("4", Alice))
            .Send(Alice, Originated("4", Alice, External))
            .At(1).Send(Alice, Failed(Alice, "4", External, Alice, External, cause))
            .At(6).Send(Alice, Cleared(Alice, "4", Alice));

        Assert.Equal([Expected(Alice, "4", CallDirection.Outgoing, External, 0, null, 6, CallOutcome.Failed)], flow.Records);
        Assert.Equal(TimeSpan.Zero, flow.Records[0].Duration);
    }

    [Theory]
    [InlineData(EventCause.DoNotDisturb)]
    [InlineData(EventCause.Busy)]
    public void Call_failing_at_callee_is_rejected(EventCause cause)
    {
        var flow = new CallFlow()
            .Send(Alice, ServiceInitiated("5", Alice))
            .Send(Alice, Originated("5", Alice, Bob))
            .At(1).SendTo([Bob, Alice], monitor => Failed(monitor, "5", Bob, Alice, Bob, cause))
            .At(4).Send(Alice, Cleared(Alice, "5", Alice))
            .Send(Bob, Cleared(Bob, "5", Alice));

        Assert.Equal(
            [
                Expected(Bob, "5", CallDirection.Incoming, Alice, 1, null, 1, CallOutcome.Rejected),
                Expected(Alice, "5", CallDirection.Outgoing, Bob, 0, null, 4, CallOutcome.Failed),
            ],
            flow.Records);
    }

    [Fact]
    public void Ringing_call_refused_by_callee_is_rejected()
    {
        var flow = RingAliceToBob(new CallFlow())
            .At(3).SendTo([Bob, Alice], monitor => Cleared(monitor, "1", Bob, EventCause.Busy));

        Assert.Equal(
            [
                Expected(Bob, "1", CallDirection.Incoming, Alice, 0, null, 3, CallOutcome.Rejected),
                Expected(Alice, "1", CallDirection.Outgoing, Bob, 0, null, 3, CallOutcome.Failed),
            ],
            flow.Records);
    }

    // The PBX simulator's Reject: the callee's connection is cleared with cause busy, then the
    // caller sees FailedEvent (busy) and its own connection cleared (busy). ECMA-269 has no reject
    // cause, so busy at the callee's own ringing connection is what marks the rejection.
    [Fact]
    public void Simulated_reject_is_rejected_and_failed()
    {
        var flow = RingAliceToBob(new CallFlow())
            .At(6).Send(Bob, Cleared(Bob, "1", Bob, EventCause.Busy))
            .Send(Alice, Failed(Alice, "1", Bob, Alice, Bob, EventCause.Busy))
            .Send(Alice, Cleared(Alice, "1", Alice, EventCause.Busy));

        Assert.Equal(
            [
                Expected(Bob, "1", CallDirection.Incoming, Alice, 0, null, 6, CallOutcome.Rejected),
                Expected(Alice, "1", CallDirection.Outgoing, Bob, 0, null, 6, CallOutcome.Failed),
            ],
            flow.Records);
        Assert.Empty(flow.Engine.OpenCalls);
        Assert.Empty(flow.SavedOpenCalls);
    }

    // Only the cause distinguishes a rejection from a call that stopped ringing at the callee's device.
    [Fact]
    public void Ringing_call_cleared_normally_is_missed()
    {
        var flow = RingAliceToBob(new CallFlow())
            .At(6).Send(Bob, Cleared(Bob, "1", Bob, EventCause.NormalClearing));

        Assert.Equal([Expected(Bob, "1", CallDirection.Incoming, Alice, 0, null, 6, CallOutcome.Missed)], flow.Records);
    }

    [Fact]
    public void Hold_and_retrieve_keep_one_record()
    {
        var flow = RingAliceToBob(new CallFlow())
            .At(2).SendTo([Alice, Bob], monitor => Established(monitor, "1", Bob, Alice, Bob))
            .At(10).SendTo([Alice, Bob], monitor => Held(monitor, "1", Alice))
            .At(40).SendTo([Alice, Bob], monitor => Retrieved(monitor, "1", Alice))
            .At(50).SendTo([Alice, Bob], monitor => Cleared(monitor, "1", Alice));

        Assert.Equal(
            [
                Expected(Alice, "1", CallDirection.Outgoing, Bob, 0, 2, 50, CallOutcome.Answered),
                Expected(Bob, "1", CallDirection.Incoming, Alice, 0, 2, 50, CallOutcome.Answered),
            ],
            flow.Records);
    }

    // Carol calls Alice (call 1), Alice holds her and consults Bob (call 2), then transfers
    // Carol to Bob. The resulting call keeps callID 2.
    [Fact]
    public void Consultation_and_transfer()
    {
        var parties = new[] { Carol, Alice, Bob };
        var flow = new CallFlow()
            .Send(Carol, ServiceInitiated("1", Carol))
            .Send(Carol, Originated("1", Carol, Alice))
            .SendTo([Carol, Alice], monitor => Delivered(monitor, "1", Alice, Carol, Alice))
            .At(4).SendTo([Carol, Alice], monitor => Established(monitor, "1", Alice, Carol, Alice))
            .At(30).SendTo([Alice, Carol], monitor => Held(monitor, "1", Alice))
            .Send(Alice, ServiceInitiated("2", Alice, EventCause.Consultation))
            .Send(Alice, Originated("2", Alice, Bob))
            .At(31).SendTo([Alice, Bob], monitor => Delivered(monitor, "2", Bob, Alice, Bob, EventCause.Consultation))
            .At(36).SendTo([Alice, Bob], monitor => Established(monitor, "2", Bob, Alice, Bob))
            .At(50).SendTo(parties, monitor => new TransferedEvent(
                $"mon-{monitor}",
                Conn("1", Alice),
                Conn("2", Alice),
                Dev(Alice),
                Dev(Bob),
                [new ConnectionListItem(Conn("2", Carol), Conn("1", Carol), Carol), new ConnectionListItem(Conn("2", Bob), Conn("2", Bob), Bob)],
                monitor == Alice ? LocalConnectionState.Null : LocalConnectionState.Connected,
                EventCause.Transfer))
            .At(110).SendTo([Carol, Bob], monitor => Cleared(monitor, "2", Bob))
            .Send(Carol, CallCleared(Carol, "2"));

        Assert.Equal(
            [
                Expected(Alice, "1", CallDirection.Incoming, Carol, 0, 4, 50, CallOutcome.TransferredAway),
                Expected(Alice, "2", CallDirection.Outgoing, Bob, 30, 36, 50, CallOutcome.TransferredAway),
                Expected(Carol, "1", CallDirection.Outgoing, Bob, 0, 4, 110, CallOutcome.Answered),
                Expected(Bob, "2", CallDirection.Incoming, Carol, 31, 36, 110, CallOutcome.TransferredIn),
            ],
            flow.Records);
        Assert.Equal(TimeSpan.FromSeconds(106), flow.RecordOf(Carol).Duration);
        Assert.Empty(flow.Engine.OpenCalls);
    }

    // The PBX restarts between two calls and hands out callID 1 again. After the link's
    // resynchronisation the second call gets a record of its own instead of being taken for a
    // late event of the first or replacing its record.
    [Fact]
    public void Reused_call_id_is_new_call()
    {
        var flow = RingAliceToBob(new CallFlow())
            .At(2).SendTo([Alice, Bob], monitor => Established(monitor, "1", Bob, Alice, Bob))
            .At(50).SendTo([Alice, Bob], monitor => Cleared(monitor, "1", Alice));
        flow.Engine.BeginResync(Link);
        flow.At(100);
        RingAliceToBob(flow)
            .At(102).SendTo([Alice, Bob], monitor => Established(monitor, "1", Bob, Alice, Bob))
            .At(130).SendTo([Alice, Bob], monitor => Cleared(monitor, "1", Alice));

        var alice = flow.Records.Where(record => record.LocalDevice == Alice).ToList();
        Assert.Equal(2, alice.Count);
        Assert.NotEqual(alice[0].RecordId, alice[1].RecordId);
        Assert.Equal([TimeSpan.FromSeconds(48), TimeSpan.FromSeconds(28)], alice.Select(record => record.Duration));
    }

    // Without a new connection, events for a call that already ended stay ignored.
    [Fact]
    public void Late_event_of_an_ended_call_opens_nothing()
    {
        var flow = RingAliceToBob(new CallFlow())
            .At(2).SendTo([Alice, Bob], monitor => Established(monitor, "1", Bob, Alice, Bob))
            .At(50).SendTo([Alice, Bob], monitor => Cleared(monitor, "1", Alice))
            .At(51).Send(Bob, Established(Bob, "1", Bob, Alice, Bob));

        Assert.Equal(2, flow.Records.Count);
        Assert.Empty(flow.Engine.OpenCalls);
    }

    // Carol calls Alice, who moves the call to Bob without consulting. Bob's device gets only
    // the offer, with cause singleStepTransfer, and Bob answers it.
    [Fact]
    public void Answered_blind_transfer_is_transferred_in()
    {
        var flow = new CallFlow()
            .Send(Carol, ServiceInitiated("1", Carol))
            .Send(Carol, Originated("1", Carol, Alice))
            .SendTo([Carol, Alice], monitor => Delivered(monitor, "1", Alice, Carol, Alice))
            .At(4).SendTo([Carol, Alice], monitor => Established(monitor, "1", Alice, Carol, Alice))
            .At(20).SendTo([Carol, Alice], monitor => new TransferedEvent(
                $"mon-{monitor}",
                Conn("1", Alice),
                null,
                Dev(Alice),
                Dev(Bob),
                [new ConnectionListItem(Conn("1", Carol), Conn("1", Carol), Carol)],
                monitor == Alice ? LocalConnectionState.Null : LocalConnectionState.Connected,
                EventCause.SingleStepTransfer))
            .SendTo([Carol, Bob], monitor => Delivered(monitor, "1", Bob, Carol, Bob, EventCause.SingleStepTransfer))
            .At(25).SendTo([Carol, Bob], monitor => Established(monitor, "1", Bob, Carol, Bob))
            .At(85).SendTo([Carol, Bob], monitor => Cleared(monitor, "1", Bob));

        Assert.Equal(CallOutcome.TransferredAway, flow.RecordOf(Alice).Outcome);
        var bob = flow.RecordOf(Bob);
        Assert.Equal(CallOutcome.TransferredIn, bob.Outcome);
        Assert.Equal(CallDirection.Incoming, bob.Direction);
        Assert.Equal(TimeSpan.FromSeconds(60), bob.Duration);
    }

    // The same offer left unanswered is a missed call, not a transfer the user took.
    [Fact]
    public void Unanswered_blind_transfer_is_missed()
    {
        var flow = new CallFlow()
            .Send(Carol, ServiceInitiated("1", Carol))
            .SendTo([Carol, Bob], monitor => Delivered(monitor, "1", Bob, Carol, Bob, EventCause.SingleStepTransfer))
            .At(30).SendTo([Carol, Bob], monitor => Cleared(monitor, "1", Carol));

        Assert.Equal(CallOutcome.Missed, flow.RecordOf(Bob).Outcome);
    }

    // Carol calls Alice (call 1), Alice consults Bob (call 2) and joins all three into call 1.
    // Bob leaves first, then Carol; Alice's record ends when the call is cleared.
    [Fact]
    public void Conference_gives_each_user_one_record()
    {
        var parties = new[] { Carol, Alice, Bob };
        var flow = new CallFlow()
            .Send(Carol, ServiceInitiated("1", Carol))
            .Send(Carol, Originated("1", Carol, Alice))
            .SendTo([Carol, Alice], monitor => Delivered(monitor, "1", Alice, Carol, Alice))
            .At(3).SendTo([Carol, Alice], monitor => Established(monitor, "1", Alice, Carol, Alice))
            .At(20).SendTo([Alice, Carol], monitor => Held(monitor, "1", Alice))
            .Send(Alice, ServiceInitiated("2", Alice, EventCause.Consultation))
            .Send(Alice, Originated("2", Alice, Bob))
            .SendTo([Alice, Bob], monitor => Delivered(monitor, "2", Bob, Alice, Bob, EventCause.Consultation))
            .At(25).SendTo([Alice, Bob], monitor => Established(monitor, "2", Bob, Alice, Bob))
            .At(30).SendTo(parties, monitor => new ConferencedEvent(
                $"mon-{monitor}",
                Conn("1", Alice),
                Conn("2", Alice),
                Dev(Alice),
                Dev(Bob),
                [
                    new ConnectionListItem(Conn("1", Carol), Conn("1", Carol), Carol),
                    new ConnectionListItem(Conn("1", Bob), Conn("2", Bob), Bob),
                    new ConnectionListItem(Conn("1", Alice), Conn("1", Alice), Alice),
                ],
                LocalConnectionState.Connected,
                EventCause.Conference));

        Assert.Empty(flow.Records);
        Assert.Equal(3, flow.Engine.OpenCalls.Count);

        flow.At(90).SendTo(parties, monitor => Cleared(monitor, "1", Bob))
            .At(150).SendTo(parties, monitor => Cleared(monitor, "1", Carol))
            .At(151).Send(Alice, CallCleared(Alice, "1"));

        Assert.Equal(
            [
                Expected(Bob, "2", CallDirection.Incoming, Alice, 20, 25, 90, CallOutcome.Answered),
                Expected(Carol, "1", CallDirection.Outgoing, Alice, 0, 3, 150, CallOutcome.Answered),
                Expected(Alice, "1", CallDirection.Incoming, Carol, 0, 3, 151, CallOutcome.Answered),
            ],
            flow.Records);
        Assert.Empty(flow.Engine.OpenCalls);
        Assert.Empty(flow.SavedOpenCalls);
    }

    // Forwarding immediate or busy: Alice's device never rings. Carol, the caller, sees the
    // diversion; Bob, the destination, gets an ordinary incoming call.
    [Theory]
    [InlineData(EventCause.CallForwardImmediate)]
    [InlineData(EventCause.CallForwardBusy)]
    public void Forwarding_without_ringing(EventCause cause)
    {
        var flow = new CallFlow()
            .Send(Carol, ServiceInitiated("8", Carol))
            .Send(Carol, Originated("8", Carol, Alice))
            .At(1).SendTo([Alice, Carol], monitor => Diverted(monitor, "8", Alice, Bob, Carol, cause))
            .SendTo([Bob, Carol], monitor => Delivered(monitor, "8", Bob, Carol, Alice, cause))
            .At(6).SendTo([Bob, Carol], monitor => Established(monitor, "8", Bob, Carol, Alice))
            .At(66).SendTo([Bob, Carol], monitor => Cleared(monitor, "8", Carol));

        Assert.Equal(
            [
                Expected(Alice, "8", CallDirection.Incoming, Carol, 1, null, 1, CallOutcome.Forwarded),
                Expected(Bob, "8", CallDirection.Incoming, Carol, 1, 6, 66, CallOutcome.Answered),
                Expected(Carol, "8", CallDirection.Outgoing, Alice, 0, 6, 66, CallOutcome.Answered),
            ],
            flow.Records);
    }

    [Fact]
    public void Forwarding_on_no_answer()
    {
        var flow = new CallFlow()
            .Send(Alice, Delivered(Alice, "9", Alice, External, Alice))
            .At(15).Send(Alice, Diverted(Alice, "9", Alice, Bob, External, EventCause.CallForwardNoAnswer))
            .Send(Bob, Delivered(Bob, "9", Bob, External, Alice, EventCause.CallForwardNoAnswer))
            .At(25).Send(Bob, CallCleared(Bob, "9"));

        Assert.Equal(
            [
                Expected(Alice, "9", CallDirection.Incoming, External, 0, null, 15, CallOutcome.Forwarded),
                Expected(Bob, "9", CallDirection.Incoming, External, 15, null, 25, CallOutcome.Missed),
            ],
            flow.Records);
    }

    // Alice's phone rings, Bob picks the call up: the PBX diverts it from Alice to Bob.
    [Fact]
    public void Pickup_by_another_device()
    {
        var flow = new CallFlow()
            .Send(Alice, Delivered(Alice, "11", Alice, External, Alice))
            .At(7).Send(Alice, Diverted(Alice, "11", Alice, Bob, External, EventCause.CallPickup))
            .Send(Bob, Established(Bob, "11", Bob, External, Alice, EventCause.CallPickup))
            .Send(Alice, Cleared(Alice, "11", Alice))
            .At(47).Send(Bob, Cleared(Bob, "11", External))
            .Send(Bob, CallCleared(Bob, "11"));

        Assert.Equal(
            [
                Expected(Alice, "11", CallDirection.Incoming, External, 0, null, 7, CallOutcome.Forwarded),
                Expected(Bob, "11", CallDirection.Incoming, External, 7, 7, 47, CallOutcome.Answered),
            ],
            flow.Records);
    }

    // After a reconnect the engine first hears of a call through a Retrieved event, then the
    // resync snapshot lists it, and finally it is cleared.
    [Fact]
    public void Reconnect_mid_call_gives_one_record()
    {
        var flow = new CallFlow()
            .At(100).Send(Alice, Retrieved(Alice, "42", Alice))
            .At(101).Snapshot(Alice, new DeviceCall("42", LocalConnectionState.Connected))
            .At(160).Send(Alice, Cleared(Alice, "42", External))
            .Send(Alice, CallCleared(Alice, "42"))
            .At(170).Snapshot(Alice);

        Assert.Equal([Expected(Alice, "42", CallDirection.Incoming, null, 100, 100, 160, CallOutcome.Answered)], flow.Records);
    }

    [Fact]
    public void Snapshot_opens_and_closes_unknown_calls()
    {
        var flow = new CallFlow()
            .At(10).Snapshot(Bob, new DeviceCall("50", LocalConnectionState.Connected), new DeviceCall("51", LocalConnectionState.Alerting))
            .At(20).Snapshot(Bob, new DeviceCall("50", LocalConnectionState.Connected))
            .At(80).Snapshot(Bob);

        Assert.Equal(
            [
                Expected(Bob, "51", CallDirection.Incoming, null, 10, null, 20, CallOutcome.Missed),
                Expected(Bob, "50", CallDirection.Incoming, null, 10, 10, 80, CallOutcome.Answered),
            ],
            flow.Records);
    }

    // Call 70 starts while the resync runs, so the snapshot, taken earlier, does not list it.
    [Fact]
    public void Snapshot_keeps_calls_with_events_since_resync()
    {
        var flow = new CallFlow()
            .Send(Bob, Delivered(Bob, "69", Bob, External, Bob))
            .At(10);
        flow.Engine.BeginResync(Link);
        flow.Send(Bob, Delivered(Bob, "70", Bob, Alice, Bob))
            .At(11).Snapshot(Bob)
            .At(15).Send(Bob, Established(Bob, "70", Bob, Alice, Bob))
            .At(20).Send(Bob, Cleared(Bob, "70", Bob));

        Assert.Equal(
            [
                Expected(Bob, "69", CallDirection.Incoming, External, 0, null, 11, CallOutcome.Missed),
                Expected(Bob, "70", CallDirection.Incoming, Alice, 10, 15, 20, CallOutcome.Answered),
            ],
            flow.Records);
    }

    [Fact]
    public void Replayed_sequence_keeps_record_ids()
    {
        static CallFlow Play(CallFlow flow) =>
            RingAliceToBob(flow)
                .At(5).SendTo([Alice, Bob], monitor => Established(monitor, "1", Bob, Alice, Bob))
                .At(65).SendTo([Bob, Alice], monitor => Cleared(monitor, "1", Bob))
                .Send(Alice, CallCleared(Alice, "1"));

        var first = Play(new CallFlow());
        var fresh = Play(new CallFlow());
        var replayed = Play(Play(new CallFlow()));

        Assert.Equal(first.Records.Select(record => record.RecordId), fresh.Records.Select(record => record.RecordId));
        Assert.Equal(first.Records, replayed.Records);
        Assert.Equal(2, replayed.Records.Select(record => record.RecordId).Distinct().Count());
    }

    [Fact]
    public void Restart_continues_saved_open_call()
    {
        var before = RingAliceToBob(new CallFlow())
            .At(5).SendTo([Alice, Bob], monitor => Established(monitor, "1", Bob, Alice, Bob));
        Assert.Empty(before.Records);
        Assert.Equal(2, before.SavedOpenCalls.Count);

        var after = new CallFlow(before.Time);
        foreach (var state in before.SavedOpenCalls.Values)
        {
            Assert.True(after.Engine.TryRestore(state, out var error), error);
        }

        after.At(300).SendTo([Bob, Alice], monitor => Cleared(monitor, "1", Bob))
            .Send(Alice, CallCleared(Alice, "1"));

        Assert.Equal(
            [
                Expected(Bob, "1", CallDirection.Incoming, Alice, 0, 5, 300, CallOutcome.Answered),
                Expected(Alice, "1", CallDirection.Outgoing, Bob, 0, 5, 300, CallOutcome.Answered),
            ],
            after.Records);
        Assert.Equal(TimeSpan.FromSeconds(295), after.RecordOf(Alice).Duration);
    }

    [Fact]
    public void Discarded_open_call_ignores_late_events()
    {
        var before = RingAliceToBob(new CallFlow())
            .At(5).SendTo([Alice, Bob], monitor => Established(monitor, "1", Bob, Alice, Bob));
        var after = new CallFlow(before.Time);
        foreach (var state in before.SavedOpenCalls.Values)
        {
            Assert.True(after.Engine.TryRestore(state, out var error), error);
        }

        var bobCall = after.Engine.OpenCalls.Single(open => open.DeviceId == Bob);
        Assert.True(after.Engine.DiscardRecorded(bobCall));
        Assert.False(after.Engine.DiscardRecorded(bobCall));

        after.At(300).SendTo([Bob, Alice], monitor => Cleared(monitor, "1", Bob))
            .Snapshot(Bob, new DeviceCall("1", LocalConnectionState.Connected));

        Assert.Equal([Expected(Alice, "1", CallDirection.Outgoing, Bob, 0, 5, 300, CallOutcome.Answered)], after.Records);
        Assert.Empty(after.Engine.OpenCalls);
    }

    [Fact]
    public void Restore_rejects_invalid_state()
    {
        var flow = new CallFlow();

        var restored = flow.Engine.TryRestore(new OpenCallState("k1", "alice@contoso.example", "{not json"), out var error);

        Assert.False(restored);
        Assert.StartsWith("Open call k1 of alice@contoso.example has invalid state JSON:", error);
        Assert.Empty(flow.Engine.OpenCalls);
    }

    [Fact]
    public void Unmonitored_device_is_ignored()
    {
        var flow = new CallFlow()
            .Send(Unmonitored, Delivered(Unmonitored, "1", Unmonitored, External, Unmonitored));

        Assert.Empty(flow.Engine.OpenCalls);
        Assert.Empty(flow.SavedOpenCalls);
    }

    [Fact]
    public void Remembered_record_ids_are_bounded()
    {
        var flow = new CallFlow();
        var engine = new CallHistoryEngine(new CallHistoryDirectory(Devices), flow.Time, rememberedRecordsPerLink: 1);
        var records = new List<CallRecord>();
        foreach (var callId in new[] { "1", "2", "3", "1" })
        {
            records.AddRange(engine.Apply(Link, Bob, Delivered(Bob, callId, Bob, External, Bob)).Completed);
            records.AddRange(engine.Apply(Link, Bob, CallCleared(Bob, callId)).Completed);
        }

        Assert.Equal(["1", "2", "3", "1"], records.Select(record => record.CallId));
    }
}
