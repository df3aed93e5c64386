using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class ScenarioParsingTests
{
    [Fact]
    public void Call_to_user()
    {
        var step = Assert.IsType<CallStep>(ScenarioYaml.SingleStep("call: { from: alice, to: bob }"));

        Assert.Equal("alice", step.From);
        Assert.Equal("bob", step.To);
        Assert.True(step.ToIsUser);
        Assert.Equal(new SourceLocation("test.yaml", 10, 5), step.Location);
    }

    [Fact]
    public void Call_to_external_number()
    {
        var step = Assert.IsType<CallStep>(ScenarioYaml.SingleStep("call: { from: alice, to: \"00123456789\" }"));

        Assert.Equal("00123456789", step.To);
        Assert.False(step.ToIsUser);
    }

    [Fact]
    public void Answer_hangup_and_clear_take_scalar_or_mapping()
    {
        Assert.Equal("bob", Assert.IsType<AnswerStep>(ScenarioYaml.SingleStep("answer: bob")).User);
        Assert.Equal("bob", Assert.IsType<AnswerStep>(ScenarioYaml.SingleStep("answer: { user: bob }")).User);
        Assert.Equal("alice", Assert.IsType<HangupStep>(ScenarioYaml.SingleStep("hangup: alice")).User);
        Assert.Equal("alice", Assert.IsType<TeamsUserClearStep>(ScenarioYaml.SingleStep("teamsUserClear: alice")).User);
    }

    [Fact]
    public void Phone_and_dnd()
    {
        var phone = Assert.IsType<PhoneStep>(ScenarioYaml.SingleStep("phone: { user: alice, state: busy }"));
        var dnd = Assert.IsType<DndStep>(ScenarioYaml.SingleStep("dnd: { user: bob, on: true }"));

        Assert.Equal(PhoneState.Busy, phone.State);
        Assert.Equal("bob", dnd.User);
        Assert.True(dnd.On);
    }

    [Fact]
    public void Presence_steps()
    {
        var pbx = Assert.IsType<PbxUserPresenceStep>(ScenarioYaml.SingleStep("pbxUserPresence: { user: alice, value: NotAvailable }"));
        var mitelOne = Assert.IsType<MitelOneStep>(ScenarioYaml.SingleStep("mitelOne: { user: alice, value: Away }"));
        var client = Assert.IsType<TeamsClientStep>(ScenarioYaml.SingleStep("teamsClient: { user: alice, state: inCall }"));

        Assert.Equal(PbxUserPresenceValue.NotAvailable, pbx.Value);
        Assert.Equal(MitelOnePresence.Away, mitelOne.Value);
        Assert.Equal(PbxUserPresenceValue.Absent, mitelOne.ToPbxUserPresence());
        Assert.Equal(TeamsClientState.InCall, client.State);
    }

    [Fact]
    public void TeamsUserSet_defaults_activity_from_pair()
    {
        var explicitPair = Assert.IsType<TeamsUserSetStep>(ScenarioYaml.SingleStep("teamsUserSet: { user: alice, availability: Away, activity: Away }"));
        var offline = Assert.IsType<TeamsUserSetStep>(ScenarioYaml.SingleStep("teamsUserSet: { user: alice, availability: Offline }"));

        Assert.Equal(("Away", "Away"), (explicitPair.Availability, explicitPair.Activity));
        Assert.Equal(("Offline", "OffWork"), (offline.Availability, offline.Activity));
    }

    [Fact]
    public void LinkDrop_and_advance()
    {
        Assert.IsType<LinkDropStep>(ScenarioYaml.SingleStep("linkDrop: {}"));
        Assert.IsType<LinkDropStep>(ScenarioYaml.SingleStep("linkDrop:"));
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.IsType<AdvanceStep>(ScenarioYaml.SingleStep("advance: 5m")).Duration);
    }

    [Fact]
    public void Expect_within_with_every_field()
    {
        var step = Assert.IsType<ExpectStep>(ScenarioYaml.SingleStep(
            "expect: { user: alice, teams: busy, activity: InACall, cloudLink: Busy, appSession: Busy/InACall, within: 10s }"));

        Assert.Equal("Busy", step.Teams);
        Assert.Equal("InACall", step.Activity);
        Assert.Equal(CloudLinkPresence.Busy, step.CloudLink);
        Assert.Equal(new AppSessionExpectation("Busy", "InACall"), step.AppSession);
        Assert.Equal(ExpectMode.Within, step.Mode);
        Assert.Equal(TimeSpan.FromSeconds(10), step.Duration);
    }

    [Fact]
    public void Expect_defaults_to_within_5s()
    {
        var step = Assert.IsType<ExpectStep>(ScenarioYaml.SingleStep("expect: { user: alice, appSession: none }"));

        Assert.True(step.AppSession!.IsNone);
        Assert.Equal(ExpectMode.Within, step.Mode);
        Assert.Equal(TimeSpan.FromSeconds(5), step.Duration);
    }

    [Fact]
    public void Expect_holds()
    {
        var step = Assert.IsType<ExpectStep>(ScenarioYaml.SingleStep("expect: { user: alice, teams: Away, holds: 30m }"));

        Assert.Equal(ExpectMode.Holds, step.Mode);
        Assert.Equal(TimeSpan.FromMinutes(30), step.Duration);
    }

    [Fact]
    public void ExpectDiagnostic()
    {
        var step = Assert.IsType<ExpectDiagnosticStep>(ScenarioYaml.SingleStep("expectDiagnostic: { user: bob, kind: UserNotMatched, within: 2s }"));

        Assert.Equal("UserNotMatched", step.DiagnosticKind);
        Assert.Equal(TimeSpan.FromSeconds(2), step.Within);
    }

    [Fact]
    public void Settings_and_users()
    {
        var result = ScenarioYaml.Load("""
            scenario: Settings
            description: All settings set
            pbx: { profile: mxone, licences: 50 }
            graph: { teamsClientLag: 30s }
            core: { sessionExpiration: 1h, refreshBefore: 5m, notAvailableMapsTo: Away }
            users:
              - { name: alice, email: alice@contoso.com, device: "201", cloudLinkRole: false, inEntra: false }
            setup:
              - teamsClient: { user: alice, state: active }
            steps:
              - advance: 1s
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var scenario = result.Scenario!;
        Assert.Equal("All settings set", scenario.Description);
        Assert.Equal(new PbxSettings("mxone", 50), scenario.Pbx);
        Assert.Equal(TimeSpan.FromSeconds(30), scenario.Graph.TeamsClientLag);
        Assert.Equal(new CoreSettings(TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), CloudLinkPresence.Away), scenario.Core);
        Assert.Equal(new UserDefinition("alice", "alice@contoso.com", "201", false, false), Assert.Single(scenario.Users));
        Assert.IsType<TeamsClientStep>(Assert.Single(scenario.Setup));
        Assert.False(scenario.IsTable);
    }

    [Fact]
    public void Defaults_when_settings_are_left_out()
    {
        var scenario = ScenarioYaml.LoadSteps("advance: 1s").Scenario!;

        Assert.Equal(PbxSettings.Default, scenario.Pbx);
        Assert.Equal(GraphSettings.Default, scenario.Graph);
        Assert.Equal(CoreSettings.Default, scenario.Core);
        Assert.All(scenario.Users, user => Assert.True(user.CloudLinkRole && user.InEntra));
        var single = Assert.Single(scenario.Cases);
        Assert.Equal("Test", single.Name);
        Assert.Empty(single.Row);
    }
}
