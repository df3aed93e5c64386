using Microsoft.Extensions.Time.Testing;
using PbxLab.Simulators.Pbx.Engine;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Tests.Pbx;

public sealed class PbxEngineTests : IDisposable
{
    private static readonly TimeSpan NoAnswerTimeout = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private readonly PbxEngine _engine;
    private readonly List<PbxEvent> _events = [];

    public PbxEngineTests()
    {
        _engine = new PbxEngine(PbxProfiles.MiVo400, _time, NoAnswerTimeout);
        _engine.Subscribe(_events.Add);
        _engine.AddDevice("200", "user200@contoso.com", "User 200");
        _engine.AddDevice("201", "user201@contoso.com", "User 201");
        _engine.AddDevice("202", "user202@contoso.com", "User 202");
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Internal_call_cleared_by_caller()
    {
        var callId = _engine.Dial("200", "201");
        _engine.Answer("201");
        _engine.Hangup("200");

        PbxEvent[] expected =
        [
            new CallServiceInitiated("200", callId, ConnectionState.Initiated, PbxCallCause.NewCall),
            new CallOriginated("200", callId, "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallDelivered("200", callId, "201", "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallDelivered("201", callId, "201", "200", "201", ConnectionState.Alerting, PbxCallCause.NewCall),
            new CallEstablished("200", callId, "201", "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallEstablished("201", callId, "201", "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallConnectionCleared("200", callId, "200", ConnectionState.Null, PbxCallCause.NormalClearing),
            new CallConnectionCleared("201", callId, "200", ConnectionState.Null, PbxCallCause.NormalClearing),
        ];
        Assert.Equal(expected, _events);
        Assert.Empty(_engine.GetDevice("200").Calls);
        Assert.Empty(_engine.GetDevice("201").Calls);
    }

    [Fact]
    public void Internal_call_cleared_by_called_side()
    {
        var callId = _engine.Dial("200", "201");
        _engine.Answer("201");
        _events.Clear();

        _engine.Hangup("201");

        PbxEvent[] expected =
        [
            new CallConnectionCleared("201", callId, "201", ConnectionState.Null, PbxCallCause.NormalClearing),
            new CallConnectionCleared("200", callId, "201", ConnectionState.Null, PbxCallCause.NormalClearing),
        ];
        Assert.Equal(expected, _events);
    }

    [Fact]
    public void Device_states_during_internal_call()
    {
        var callId = _engine.Dial("200", "201");

        var caller = Assert.Single(_engine.GetDevice("200").Calls);
        var called = Assert.Single(_engine.GetDevice("201").Calls);
        Assert.Equal(new CallInfo(callId, ConnectionState.Connected, ConnectionState.Alerting, "200", "201", "201", false), caller);
        Assert.Equal(new CallInfo(callId, ConnectionState.Alerting, ConnectionState.Connected, "200", "201", "200", false), called);

        _engine.Answer("201");

        Assert.Equal(ConnectionState.Connected, Assert.Single(_engine.GetDevice("201").Calls).LocalState);
    }

    [Fact]
    public void External_call_out_through_trunk()
    {
        var callId = _engine.Dial("200", "00123456789");
        _engine.AnswerExternal(callId);
        _engine.HangupExternal(callId);

        PbxEvent[] expected =
        [
            new CallServiceInitiated("200", callId, ConnectionState.Initiated, PbxCallCause.NewCall),
            new CallOriginated("200", callId, "200", "00123456789", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallDelivered("200", callId, "0123456789", "200", "00123456789", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallEstablished("200", callId, "0123456789", "200", "00123456789", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallConnectionCleared("200", callId, "0123456789", ConnectionState.Null, PbxCallCause.NormalClearing),
        ];
        Assert.Equal(expected, _events);
    }

    [Fact]
    public void External_call_in_answered_and_cleared()
    {
        var callId = _engine.IncomingExternalCall("+33123456789", "201");
        var ringing = Assert.Single(_engine.GetDevice("201").Calls);
        _engine.Answer("201");
        _engine.Hangup("201");

        PbxEvent[] expected =
        [
            new CallDelivered("201", callId, "201", "00123456789", "201", ConnectionState.Alerting, PbxCallCause.NewCall),
            new CallEstablished("201", callId, "201", "00123456789", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallConnectionCleared("201", callId, "201", ConnectionState.Null, PbxCallCause.NormalClearing),
        ];
        Assert.Equal(expected, _events);
        Assert.True(ringing.IsExternal);
        Assert.Equal("00123456789", ringing.RemoteNumber);
    }

    [Fact]
    public void Call_to_busy_device_fails_with_busy()
    {
        _engine.Dial("201", "202");
        _events.Clear();

        var callId = _engine.Dial("200", "201");

        PbxEvent[] expected =
        [
            new CallServiceInitiated("200", callId, ConnectionState.Initiated, PbxCallCause.NewCall),
            new CallOriginated("200", callId, "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallFailed("200", callId, "201", "200", "201", ConnectionState.Fail, PbxCallCause.Busy),
            new CallConnectionCleared("200", callId, "200", ConnectionState.Null, PbxCallCause.Busy),
        ];
        Assert.Equal(expected, _events);
        Assert.Empty(_engine.GetDevice("200").Calls);
    }

    [Fact]
    public void Unknown_number_fails_with_destNotObtainable()
    {
        var callId = _engine.Dial("200", "999");

        PbxEvent[] expected =
        [
            new CallServiceInitiated("200", callId, ConnectionState.Initiated, PbxCallCause.NewCall),
            new CallOriginated("200", callId, "200", "999", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallFailed("200", callId, "999", "200", "999", ConnectionState.Fail, PbxCallCause.DestNotObtainable),
            new CallConnectionCleared("200", callId, "200", ConnectionState.Null, PbxCallCause.DestNotObtainable),
        ];
        Assert.Equal(expected, _events);
    }

    [Fact]
    public void Unanswered_call_fails_after_timeout()
    {
        var callId = _engine.Dial("200", "201");
        _events.Clear();

        _time.Advance(NoAnswerTimeout - TimeSpan.FromSeconds(1));
        Assert.Empty(_events);

        _time.Advance(TimeSpan.FromSeconds(1));

        PbxEvent[] expected =
        [
            new CallConnectionCleared("201", callId, "201", ConnectionState.Null, PbxCallCause.CallNotAnswered),
            new CallFailed("200", callId, "201", "200", "201", ConnectionState.Fail, PbxCallCause.CallNotAnswered),
            new CallConnectionCleared("200", callId, "200", ConnectionState.Null, PbxCallCause.CallNotAnswered),
        ];
        Assert.Equal(expected, _events);
        Assert.Empty(_engine.GetActiveCallIds());
    }

    [Fact]
    public void Answered_call_ignores_no_answer_timer()
    {
        _engine.Dial("200", "201");
        _engine.Answer("201");
        _events.Clear();

        _time.Advance(NoAnswerTimeout * 2);

        Assert.Empty(_events);
        Assert.Single(_engine.GetActiveCallIds());
    }

    [Fact]
    public void Unanswered_incoming_call_clears_device()
    {
        var callId = _engine.IncomingExternalCall("0612345678", "202");
        _events.Clear();

        _time.Advance(NoAnswerTimeout);

        PbxEvent[] expected =
        [
            new CallConnectionCleared("202", callId, "202", ConnectionState.Null, PbxCallCause.CallNotAnswered),
        ];
        Assert.Equal(expected, _events);
    }

    [Fact]
    public void Do_not_disturb_rejects_call()
    {
        _engine.SetDoNotDisturb("201", true);
        var callId = _engine.Dial("200", "201");

        PbxEvent[] expected =
        [
            new DoNotDisturbChanged("201", true),
            new CallServiceInitiated("200", callId, ConnectionState.Initiated, PbxCallCause.NewCall),
            new CallOriginated("200", callId, "200", "201", ConnectionState.Connected, PbxCallCause.NewCall),
            new CallFailed("200", callId, "201", "200", "201", ConnectionState.Fail, PbxCallCause.DoNotDisturb),
            new CallConnectionCleared("200", callId, "200", ConnectionState.Null, PbxCallCause.DoNotDisturb),
        ];
        Assert.Equal(expected, _events);
        Assert.Empty(_engine.GetDevice("201").Calls);
    }

    [Fact]
    public void Do_not_disturb_raises_event_only_on_change()
    {
        _engine.SetDoNotDisturb("201", true);
        _engine.SetDoNotDisturb("201", true);
        _engine.SetDoNotDisturb("201", false);

        PbxEvent[] expected = [new DoNotDisturbChanged("201", true), new DoNotDisturbChanged("201", false)];
        Assert.Equal(expected, _events);
        Assert.False(_engine.GetDevice("201").DoNotDisturb);
    }

    [Fact]
    public void User_presence_change_raises_event()
    {
        _engine.SetUserPresence("200", PbxUserPresence.Absent);
        _engine.SetUserPresence("200", PbxUserPresence.Absent);

        Assert.Equal([new UserPresenceChanged("200", PbxUserPresence.Absent)], _events);
        Assert.Equal(PbxUserPresence.Absent, _engine.GetDevice("200").UserPresence);
    }

    [Fact]
    public void User_presence_rejected_on_profile_without_it()
    {
        using var engine = new PbxEngine(PbxProfiles.MxOne, _time, NoAnswerTimeout);
        engine.AddDevice("200");

        var exception = Assert.Throws<PbxOperationException>(() => engine.SetUserPresence("200", PbxUserPresence.Busy));

        Assert.Equal(PbxFailure.NotSupportedByProfile, exception.Failure);
        Assert.Contains("mxone", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_service_clears_call_then_reports()
    {
        var callId = _engine.Dial("200", "201");
        _engine.Answer("201");
        _events.Clear();

        _engine.SetInService("201", false);
        _engine.SetInService("201", true);

        PbxEvent[] expected =
        [
            new CallConnectionCleared("201", callId, "201", ConnectionState.Null, PbxCallCause.NormalClearing),
            new CallConnectionCleared("200", callId, "201", ConnectionState.Null, PbxCallCause.NormalClearing),
            new ServiceStateChanged("201", false),
            new ServiceStateChanged("201", true),
        ];
        Assert.Equal(expected, _events);
    }

    [Fact]
    public void Device_limit_rejects_801st_device()
    {
        using var engine = new PbxEngine(PbxProfiles.MiVo400, _time, NoAnswerTimeout);
        for (var i = 0; i < 800; i++)
        {
            engine.AddDevice((1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var exception = Assert.Throws<PbxOperationException>(() => engine.AddDevice("1800"));

        Assert.Equal(PbxFailure.DeviceLimitReached, exception.Failure);
        Assert.Contains("800", exception.Message, StringComparison.Ordinal);
        Assert.Contains("mivo400", exception.Message, StringComparison.Ordinal);
        Assert.Equal(800, engine.DeviceCount);
    }

    [Fact]
    public void Call_ids_are_unique()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add(_engine.Dial("200", "201"));
            _engine.Hangup("200");
        }

        Assert.Equal(50, ids.Count);
    }

    [Fact]
    public void Impossible_actions_name_device_and_state()
    {
        _engine.Dial("200", "201");

        var answerIdle = Assert.Throws<PbxOperationException>(() => _engine.Answer("202"));
        var answerCaller = Assert.Throws<PbxOperationException>(() => _engine.Answer("200"));
        var hangupIdle = Assert.Throws<PbxOperationException>(() => _engine.Hangup("202"));
        var unknown = Assert.Throws<PbxOperationException>(() => _engine.Dial("555", "200"));
        var dialBusy = Assert.Throws<PbxOperationException>(() => _engine.Dial("200", "202"));
        var duplicate = Assert.Throws<PbxOperationException>(() => _engine.AddDevice("200"));

        Assert.Equal("Device 202 has no call to answer: it is idle.", answerIdle.Message);
        Assert.StartsWith("Device 200 has no call to answer: it is connected in call", answerCaller.Message, StringComparison.Ordinal);
        Assert.Equal(PbxFailure.NoCallToClear, hangupIdle.Failure);
        Assert.Equal(PbxFailure.UnknownDevice, unknown.Failure);
        Assert.Contains("'555'", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(PbxFailure.DeviceBusy, dialBusy.Failure);
        Assert.Equal(PbxFailure.DuplicateDevice, duplicate.Failure);
    }

    [Fact]
    public void Invalid_numbers_are_rejected()
    {
        Assert.Equal(PbxFailure.InvalidNumber, Assert.Throws<PbxOperationException>(() => _engine.Dial("200", "2x1")).Failure);
        Assert.Equal(PbxFailure.InvalidNumber, Assert.Throws<PbxOperationException>(() => _engine.AddDevice("")).Failure);
        Assert.Equal(PbxFailure.InvalidNumber, Assert.Throws<PbxOperationException>(() => _engine.AddDevice("0200")).Failure);
        Assert.Equal(
            PbxFailure.InvalidNumber,
            Assert.Throws<PbxOperationException>(() => _engine.IncomingExternalCall("+", "200")).Failure);
    }

    [Fact]
    public void Caller_abandons_ringing_call()
    {
        var callId = _engine.Dial("200", "201");
        _events.Clear();

        _engine.Hangup("200");

        PbxEvent[] expected =
        [
            new CallConnectionCleared("200", callId, "200", ConnectionState.Null, PbxCallCause.NormalClearing),
            new CallConnectionCleared("201", callId, "200", ConnectionState.Null, PbxCallCause.NormalClearing),
        ];
        Assert.Equal(expected, _events);

        _time.Advance(NoAnswerTimeout);
        Assert.Equal(2, _events.Count);
    }
}
