using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class CallFeatureStepTests
{
    [Fact]
    public void Incoming_from_e164_without_spaces()
    {
        var step = Assert.IsType<IncomingStep>(ScenarioYaml.SingleStep("incoming: { from: \"+33 1 23 45 67 89\", to: alice }"));

        Assert.Equal("+33123456789", step.From);
        Assert.Equal("alice", step.To);
        Assert.Equal(new SourceLocation("test.yaml", 10, 5), step.Location);
    }

    [Fact]
    public void Incoming_withheld_has_no_number()
    {
        var step = Assert.IsType<IncomingStep>(ScenarioYaml.SingleStep("incoming: { from: Withheld, to: bob }"));

        Assert.Null(step.From);
        Assert.Equal("incoming withheld -> bob", step.Describe());
    }

    [Fact]
    public void Incoming_from_national_number()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - incoming: { from: \"0123456789\", to: alice }\n");

        Assert.Equal(
            "test.yaml:10:23: steps[0].incoming.from: invalid number '0123456789'. Write the caller's number in E.164 form, "
            + "'+' and 1 to 15 digits such as \"+33123456789\", or withheld.",
            error);
    }

    [Fact]
    public void Incoming_from_sixteen_digits()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - incoming: { from: \"+1234567890123456\", to: alice }\n");

        Assert.StartsWith("test.yaml:10:23: steps[0].incoming.from: invalid number '+1234567890123456'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Incoming_from_user()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - incoming: { from: bob, to: alice }\n");

        Assert.Equal(
            "test.yaml:10:23: steps[0].incoming.from: 'bob' is a user, but an incoming call comes from an external number. Use 'call' for a call between users.",
            error);
    }

    [Fact]
    public void Incoming_to_unknown_user()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - incoming: { from: \"+33123456789\", to: carol }\n");

        Assert.Equal("test.yaml:10:43: steps[0].incoming.to: unknown user 'carol'. Declare it under 'users' or use one of: alice, bob.", error);
    }

    [Fact]
    public void User_only_steps_take_scalar_or_mapping()
    {
        Assert.Equal("alice", Assert.IsType<ExternalAnswerStep>(ScenarioYaml.SingleStep("externalAnswer: alice")).User);
        Assert.Equal("alice", Assert.IsType<ExternalHangupStep>(ScenarioYaml.SingleStep("externalHangup: { user: alice }")).User);
        Assert.Equal("bob", Assert.IsType<RejectStep>(ScenarioYaml.SingleStep("reject: bob")).User);
        Assert.Equal("bob", Assert.IsType<HoldStep>(ScenarioYaml.SingleStep("hold: bob")).User);
        Assert.Equal("bob", Assert.IsType<RetrieveStep>(ScenarioYaml.SingleStep("retrieve: { user: bob }")).User);
        Assert.Equal("alice", Assert.IsType<TransferStep>(ScenarioYaml.SingleStep("transfer: alice")).User);
        Assert.Equal("alice", Assert.IsType<ConferenceStep>(ScenarioYaml.SingleStep("conference: alice")).User);
    }

    [Fact]
    public void Hold_of_unknown_user()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - hold: bobb\n");

        Assert.Equal("test.yaml:10:11: steps[0].hold: unknown user 'bobb'. Did you mean 'bob'? Declare it under 'users' or use one of: alice, bob.", error);
    }

    [Fact]
    public void Consult_to_user_or_digits()
    {
        var toUser = Assert.IsType<ConsultStep>(ScenarioYaml.SingleStep("consult: { user: alice, to: bob }"));
        var toDigits = Assert.IsType<ConsultStep>(ScenarioYaml.SingleStep("consult: { user: alice, to: \"0033123456789\" }"));

        Assert.Equal(("alice", "bob", true), (toUser.User, toUser.To, toUser.ToIsUser));
        Assert.Equal(("0033123456789", false), (toDigits.To, toDigits.ToIsUser));
    }

    [Fact]
    public void BlindTransfer_to_user_or_digits()
    {
        var toUser = Assert.IsType<BlindTransferStep>(ScenarioYaml.SingleStep("blindTransfer: { user: bob, to: alice }"));
        var toDigits = Assert.IsType<BlindTransferStep>(ScenarioYaml.SingleStep("blindTransfer: { user: bob, to: \"00041441234567\" }"));

        Assert.Equal(("bob", "alice", true), (toUser.User, toUser.To, toUser.ToIsUser));
        Assert.Equal(("00041441234567", false), (toDigits.To, toDigits.ToIsUser));
    }

    [Fact]
    public void Consult_to_unknown_target()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - consult: { user: alice, to: carol }\n");

        Assert.Equal("test.yaml:10:33: steps[0].consult.to: unknown user 'carol'. Use a declared user or dialled digits such as \"00123456789\" (trunk access code 0, then the number).", error);
    }

    [Fact]
    public void BlindTransfer_to_themselves()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - blindTransfer: { user: bob, to: bob }\n");

        Assert.Equal("test.yaml:10:37: steps[0].blindTransfer.to: bob would call themselves. Use another user or an external number.", error);
    }

    [Fact]
    public void Pickup_of_other_user()
    {
        var step = Assert.IsType<PickupStep>(ScenarioYaml.SingleStep("pickup: { user: bob, ringing: alice }"));

        Assert.Equal(("bob", "alice"), (step.User, step.Ringing));
    }

    [Fact]
    public void Pickup_of_own_call()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - pickup: { user: bob, ringing: bob }\n");

        Assert.Equal("test.yaml:10:35: steps[0].pickup.ringing: bob would pick up their own call. Name the other user, whose phone is ringing.", error);
    }

    [Fact]
    public void Forward_no_answer_after()
    {
        var step = Assert.IsType<ForwardStep>(ScenarioYaml.SingleStep("forward: { user: alice, type: noAnswer, to: bob, after: 15s }"));

        Assert.Equal(("alice", ForwardingKind.NoAnswer, "bob", true), (step.User, step.Type, step.To, step.ToIsUser));
        Assert.Equal(TimeSpan.FromSeconds(15), step.After);
    }

    [Fact]
    public void Forward_immediate_to_number()
    {
        var step = Assert.IsType<ForwardStep>(ScenarioYaml.SingleStep("forward: { user: alice, type: Immediate, to: \"0612345678\" }"));

        Assert.Equal((ForwardingKind.Immediate, "0612345678", false), (step.Type, step.To, step.ToIsUser));
        Assert.Null(step.After);
    }

    [Fact]
    public void Forward_busy_with_after()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - forward: { user: alice, type: busy, to: bob, after: 10s }\n");

        Assert.Equal(
            "test.yaml:10:50: steps[0].forward.after: 'after' applies only to type noAnswer, but the type is busy. Remove 'after' or use type noAnswer.",
            error);
    }

    [Fact]
    public void Forward_after_zero()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - forward: { user: alice, type: noAnswer, to: bob, after: 0s }\n");

        Assert.Equal("test.yaml:10:61: steps[0].forward.after: the duration '0s' is zero. Use a duration greater than zero, such as 5s.", error);
    }

    [Fact]
    public void Forward_unknown_type()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - forward: { user: alice, type: noanswr, to: bob }\n");

        Assert.Equal(
            "test.yaml:10:35: steps[0].forward.type: invalid value 'noanswr'. Did you mean 'noAnswer'? Allowed values: immediate, busy, noAnswer.",
            error);
    }

    [Fact]
    public void Forward_to_own_device()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - forward: { user: alice, type: busy, to: \"201\" }\n");

        Assert.Equal(
            "test.yaml:10:45: steps[0].forward.to: '201' is alice's own device, so alice would call themselves. Use another user or an external number.",
            error);
    }

    [Fact]
    public void ForwardOff()
    {
        var step = Assert.IsType<ForwardOffStep>(ScenarioYaml.SingleStep("forwardOff: { user: bob, type: busy }"));

        Assert.Equal(("bob", ForwardingKind.Busy), (step.User, step.Type));
    }

    [Fact]
    public void ForwardOff_without_type()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - forwardOff: { user: bob }\n");

        Assert.Equal("test.yaml:10:17: steps[0].forwardOff: missing required key 'type'. Add 'type: immediate, busy or noAnswer'.", error);
    }

    [Fact]
    public void Core_steps_take_empty_value()
    {
        var result = ScenarioYaml.LoadSteps("coreStop: {}", "coreStart:", "coreRestart: {}");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["coreStop", "coreStart", "coreRestart"], result.Scenario!.Cases[0].Steps.Select(step => step.Kind));
    }

    [Fact]
    public void CoreRestart_with_value()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - coreRestart: now\n");

        Assert.Equal("test.yaml:10:18: steps[0].coreRestart: expected an empty mapping '{}', found the value 'now'. Write '- coreRestart: {}'.", error);
    }
}
