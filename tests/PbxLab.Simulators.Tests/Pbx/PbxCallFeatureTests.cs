using Microsoft.Extensions.Time.Testing;
using PbxLab.Simulators.Pbx.Engine;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Tests.Pbx;

// Whole ordered event sequences of the call features, as every monitored party sees them.
public sealed class PbxCallFeatureTests : IDisposable
{
    private static readonly TimeSpan NoAnswerTimeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly PbxEngine _engine;
    private readonly List<PbxEvent> _events = [];

    public PbxCallFeatureTests()
    {
        _engine = new PbxEngine(PbxProfiles.MiVo400, _time, NoAnswerTimeout);
        _engine.Subscribe(_events.Add);
        _engine.AddDevice("200");
        _engine.AddDevice("201");
        _engine.AddDevice("202");
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Hold_and_retrieve_reach_both_parties()
    {
        var callId = Connect("200", "201");

        _engine.Hold("200");
        var held = Assert.Single(_engine.GetDevice("200").Calls);
        _engine.Retrieve("200");

        PbxEvent[] expected =
        [
            new CallHeld("200", callId, "200", ConnectionState.Hold, PbxCallCause.Normal),
            new CallHeld("201", callId, "200", ConnectionState.Connected, PbxCallCause.Normal),
            new CallRetrieved("200", callId, "200", ConnectionState.Connected, PbxCallCause.Normal),
            new CallRetrieved("201", callId, "200", ConnectionState.Connected, PbxCallCause.Normal),
        ];
        Assert.Equal(expected, _events);
        Assert.Equal(ConnectionState.Hold, held.LocalState);
        Assert.Equal(ConnectionState.Connected, Assert.Single(_engine.GetDevice("200").Calls).LocalState);
    }

    [Fact]
    public void Consult_then_transfer_all_monitored()
    {
        var first = Connect("200", "201");

        var second = _engine.Consult("201", "202");
        var consulting = _engine.GetDevice("201").Calls;
        _engine.Answer("202");
        var joined = _engine.Transfer("201");

        JoinedParty[] connections = [new("200", first, first), new("202", first, second)];
        PbxEvent[] expected =
        [
            new CallHeld("200", first, "201", ConnectionState.Connected, PbxCallCause.Consultation),
            new CallHeld("201", first, "201", ConnectionState.Hold, PbxCallCause.Consultation),
            new CallServiceInitiated("201", second, ConnectionState.Initiated, PbxCallCause.Consultation),
            new CallOriginated("201", second, "201", "202", ConnectionState.Connected, PbxCallCause.Consultation),
            new CallDelivered("201", second, "202", "201", "202", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallDelivered("202", second, "202", "201", "202", ConnectionState.Alerting, PbxCallCause.NewCall),
            new CallEstablished("201", second, "202", "201", "202", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallEstablished("202", second, "202", "201", "202", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallTransferred("201", first, second, "201", "202", connections, ConnectionState.Null, PbxCallCause.Transfer),
            new CallTransferred("200", first, second, "201", "202", connections, ConnectionState.Connected, PbxCallCause.Transfer),
            new CallTransferred("202", first, second, "201", "202", connections, ConnectionState.Connected, PbxCallCause.Transfer),
        ];
        Assert.Equal(expected, _events);
        Assert.Equal(first, joined);
        Assert.Equal([(first, ConnectionState.Hold), (second, ConnectionState.Connected)], consulting.Select(c => (c.CallId, c.LocalState)));
        Assert.Empty(_engine.GetDevice("201").Calls);
        Assert.Equal("202", Assert.Single(_engine.GetDevice("200").Calls).RemoteNumber);
        Assert.Equal("200", Assert.Single(_engine.GetDevice("202").Calls).RemoteNumber);
        Assert.Equal([first], _engine.GetActiveCallIds());
    }

    [Fact]
    public void Transferred_parties_clear_normally_afterwards()
    {
        var first = Connect("200", "201");
        _engine.Consult("201", "202");
        _engine.Answer("202");
        _engine.Transfer("201");
        _events.Clear();

        _engine.Hangup("202");

        PbxEvent[] expected =
        [
            new CallConnectionCleared("202", first, "202", ConnectionState.Null, PbxCallCause.NormalClearing),
            new CallConnectionCleared("200", first, "202", ConnectionState.Null, PbxCallCause.NormalClearing),
        ];
        Assert.Equal(expected, _events);
        Assert.Empty(_engine.GetActiveCallIds());
    }

    [Fact]
    public void Blind_transfer_rings_destination()
    {
        var callId = Connect("200", "201");

        _engine.SingleStepTransfer("201", "202");
        _engine.Answer("202");

        JoinedParty[] connections = [new("200", callId, callId), new("202", callId, null)];
        PbxEvent[] expected =
        [
            new CallTransferred("201", callId, null, "201", "202", connections, ConnectionState.Null, PbxCallCause.SingleStepTransfer),
            new CallTransferred("200", callId, null, "201", "202", connections, ConnectionState.Connected, PbxCallCause.SingleStepTransfer),
            new CallDelivered("200", callId, "202", "200", "202", ConnectionState.Connected, PbxCallCause.SingleStepTransfer) { LastRedirectionDevice = "201" },
            new CallDelivered("202", callId, "202", "200", "202", ConnectionState.Alerting, PbxCallCause.SingleStepTransfer) { LastRedirectionDevice = "201" },
            new CallEstablished("200", callId, "202", "200", "202", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallEstablished("202", callId, "202", "200", "202", ConnectionState.Connected, PbxCallCause.NewCall),
        ];
        Assert.Equal(expected, _events);
        Assert.Empty(_engine.GetDevice("201").Calls);
    }

    [Fact]
    public void Conference_survives_one_party_leaving()
    {
        var first = Connect("200", "201");
        var second = _engine.Consult("201", "202");
        _engine.Answer("202");
        _events.Clear();

        var conference = _engine.Conference("201");
        var legs = _engine.GetDevice("201").Calls;
        _engine.Hangup("202");

        JoinedParty[] connections = [new("200", first, first), new("201", first, first), new("202", first, second)];
        PbxEvent[] expected =
        [
            new CallConferenced("200", first, second, "201", "202", connections, ConnectionState.Connected, PbxCallCause.Conference),
            new CallConferenced("201", first, second, "201", "202", connections, ConnectionState.Connected, PbxCallCause.Conference),
            new CallConferenced("202", first, second, "201", "202", connections, ConnectionState.Connected, PbxCallCause.Conference),
            new CallConnectionCleared("202", first, "202", ConnectionState.Null, PbxCallCause.NormalClearing),
            new CallConnectionCleared("200", first, "202", ConnectionState.Connected, PbxCallCause.NormalClearing) { DroppedDevice = "202" },
            new CallConnectionCleared("201", first, "202", ConnectionState.Connected, PbxCallCause.NormalClearing) { DroppedDevice = "202" },
        ];
        Assert.Equal(expected, _events);
        Assert.Equal(first, conference);
        Assert.Equal(["200", "202"], Assert.Single(legs).Parties);
        Assert.Equal("201", Assert.Single(_engine.GetDevice("200").Calls).RemoteNumber);
    }

    [Fact]
    public void Forward_immediate_diverts_before_ringing()
    {
        _engine.SetForwarding("201", PbxForwardingType.Immediate, "202", on: true);

        var callId = _engine.Dial("200", "201");

        PbxEvent[] expected =
        [
            new ForwardingChanged("201", PbxForwardingType.Immediate, true, "202", null),
            new CallServiceInitiated("200", callId, ConnectionState.Initiated, PbxCallCause.NewCall),
            new CallOriginated("200", callId, "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallDiverted("201", callId, "201", "202", "200", "201", ConnectionState.Null, PbxCallCause.CallForwardImmediate),
            new CallDelivered("200", callId, "202", "200", "201", ConnectionState.Connected, PbxCallCause.CallForwardImmediate) { LastRedirectionDevice = "201" },
            new CallDelivered("202", callId, "202", "200", "201", ConnectionState.Alerting, PbxCallCause.CallForwardImmediate) { LastRedirectionDevice = "201" },
        ];
        Assert.Equal(expected, _events);
        Assert.Empty(_engine.GetDevice("201").Calls);
    }

    [Fact]
    public void Forward_busy_to_external_number()
    {
        Connect("201", "202");
        _engine.SetForwarding("201", PbxForwardingType.Busy, "00612345678", on: true);
        _events.Clear();

        var callId = _engine.Dial("200", "201");
        _engine.AnswerExternal(callId);

        PbxEvent[] expected =
        [
            new CallServiceInitiated("200", callId, ConnectionState.Initiated, PbxCallCause.NewCall),
            new CallOriginated("200", callId, "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallDiverted("201", callId, "201", "00612345678", "200", "201", ConnectionState.Null, PbxCallCause.CallForwardBusy),
            new CallDelivered("200", callId, "0612345678", "200", "201", ConnectionState.Connected, PbxCallCause.CallForwardBusy) { LastRedirectionDevice = "201" },
            new CallEstablished("200", callId, "0612345678", "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
        ];
        Assert.Equal(expected, _events);
    }

    [Fact]
    public void Forward_no_answer_after_ring_time()
    {
        _engine.SetForwarding("201", PbxForwardingType.NoAnswer, "202", on: true, TimeSpan.FromSeconds(10));
        var callId = _engine.Dial("200", "201");

        _time.Advance(TimeSpan.FromSeconds(9));
        var stillRinging = _engine.GetDevice("201").Calls.Count;
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(NoAnswerTimeout);

        PbxEvent[] expected =
        [
            new ForwardingChanged("201", PbxForwardingType.NoAnswer, true, "202", TimeSpan.FromSeconds(10)),
            new CallServiceInitiated("200", callId, ConnectionState.Initiated, PbxCallCause.NewCall),
            new CallOriginated("200", callId, "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallDelivered("200", callId, "201", "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallDelivered("201", callId, "201", "200", "201", ConnectionState.Alerting, PbxCallCause.NewCall),
            new CallDiverted("201", callId, "201", "202", "200", "201", ConnectionState.Null, PbxCallCause.CallForwardNoAnswer),
            new CallDelivered("200", callId, "202", "200", "201", ConnectionState.Connected, PbxCallCause.CallForwardNoAnswer) { LastRedirectionDevice = "201" },
            new CallDelivered("202", callId, "202", "200", "201", ConnectionState.Alerting, PbxCallCause.CallForwardNoAnswer) { LastRedirectionDevice = "201" },
            new CallConnectionCleared("202", callId, "202", ConnectionState.Null, PbxCallCause.CallNotAnswered),
            new CallFailed("200", callId, "202", "200", "201", ConnectionState.Fail, PbxCallCause.CallNotAnswered),
            new CallConnectionCleared("200", callId, "200", ConnectionState.Null, PbxCallCause.CallNotAnswered),
        ];
        Assert.Equal(expected, _events);
        Assert.Equal(1, stillRinging);
    }

    [Fact]
    public void Forwarding_off_rings_again()
    {
        _engine.SetForwarding("201", PbxForwardingType.Immediate, "202", on: true);
        _engine.SetForwarding("201", PbxForwardingType.Immediate, null, on: false);
        _engine.SetForwarding("201", PbxForwardingType.Immediate, null, on: false);

        _engine.Dial("200", "201");

        Assert.Equal(2, _events.OfType<ForwardingChanged>().Count());
        Assert.Equal(ConnectionState.Alerting, Assert.Single(_engine.GetDevice("201").Calls).LocalState);
        Assert.Empty(_engine.GetForwarding("201").Destinations);
    }

    [Fact]
    public void Directed_pickup_moves_ringing_call()
    {
        var callId = _engine.Dial("200", "201");
        _events.Clear();

        _engine.Pickup("202", "201");

        PbxEvent[] expected =
        [
            new CallDiverted("201", callId, "201", "202", "200", "201", ConnectionState.Null, PbxCallCause.CallPickup),
            new CallDelivered("200", callId, "202", "200", "201", ConnectionState.Connected, PbxCallCause.CallPickup) { LastRedirectionDevice = "201" },
            new CallDelivered("202", callId, "202", "200", "201", ConnectionState.Alerting, PbxCallCause.CallPickup) { LastRedirectionDevice = "201" },
            new CallEstablished("200", callId, "202", "200", "201", ConnectionState.Connected, PbxCallCause.CallPickup),
            new CallEstablished("202", callId, "202", "200", "201", ConnectionState.Connected, PbxCallCause.CallPickup),
        ];
        Assert.Equal(expected, _events);
        Assert.Empty(_engine.GetDevice("201").Calls);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rejected_call_fails_caller_busy(bool byHangup)
    {
        var callId = _engine.Dial("200", "201");
        _events.Clear();

        if (byHangup)
        {
            _engine.Hangup("201");
        }
        else
        {
            _engine.Reject("201");
        }

        PbxEvent[] expected =
        [
            new CallConnectionCleared("201", callId, "201", ConnectionState.Null, PbxCallCause.Busy),
            new CallFailed("200", callId, "201", "200", "201", ConnectionState.Fail, PbxCallCause.Busy),
            new CallConnectionCleared("200", callId, "200", ConnectionState.Null, PbxCallCause.Busy),
        ];
        Assert.Equal(expected, _events);
    }

    [Fact]
    public void Withheld_caller_arrives_restricted()
    {
        var callId = _engine.IncomingExternalCall(PbxNumbers.Restricted, "201");

        PbxEvent[] expected =
        [
            new CallDelivered("201", callId, "201", PbxNumbers.Restricted, "201", ConnectionState.Alerting, PbxCallCause.NewCall),
        ];
        Assert.Equal(expected, _events);
    }

    [Fact]
    public void Impossible_features_name_device_state()
    {
        var hold = Assert.Throws<PbxOperationException>(() => _engine.Hold("202"));
        var retrieve = Assert.Throws<PbxOperationException>(() => _engine.Retrieve("202"));
        _engine.Dial("200", "201");
        var transfer = Assert.Throws<PbxOperationException>(() => _engine.Transfer("200"));
        var consultRinging = Assert.Throws<PbxOperationException>(() => _engine.Consult("200", "202"));
        var pickupIdle = Assert.Throws<PbxOperationException>(() => _engine.Pickup("202", "200"));
        var forwardSelf = Assert.Throws<PbxOperationException>(() => _engine.SetForwarding("202", PbxForwardingType.Busy, "202", on: true));

        Assert.Equal("Device 202 cannot hold a call: it has no answered call, it is idle.", hold.Message);
        Assert.Equal(PbxFailure.NoHeldCall, retrieve.Failure);
        Assert.Equal(PbxFailure.NoHeldCall, transfer.Failure);
        Assert.Equal("Device 200 cannot consult from a call: it has no answered call, it is connected in call 00000001 with 201.", consultRinging.Message);
        Assert.Equal(PbxFailure.NoCallToAnswer, pickupIdle.Failure);
        Assert.Equal(PbxFailure.InvalidForwarding, forwardSelf.Failure);
    }

    private string Connect(string from, string to)
    {
        var callId = _engine.Dial(from, to);
        _engine.Answer(to);
        _events.Clear();
        return callId;
    }
}
