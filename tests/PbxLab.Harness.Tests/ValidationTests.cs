using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class ValidationTests
{
    [Fact]
    public void Unknown_key_suggests_closest()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expect: { user: alice, team: Busy, teams: Busy }\n");

        Assert.Equal(
            "test.yaml:10:28: steps[0].expect: unknown key 'team'. Did you mean 'teams'? Known keys: user, teams, activity, cloudLink, appSession, within, holds.",
            error);
    }

    [Fact]
    public void Unknown_top_level_key()
    {
        var error = ScenarioYaml.SingleError("scenario: x\nuser:\n  - { name: a, email: a@b.c, device: \"1\" }\nsteps: [{ advance: 1s }]\nusers: [{ name: a, email: a@b.c, device: \"1\" }]\n");

        Assert.Equal("test.yaml:2:1: top level: unknown key 'user'. Did you mean 'users'? Known keys: scenario, description, pbx, graph, core, users, directory, setup, steps, table.", error);
    }

    [Fact]
    public void Wrong_type()
    {
        var error = ScenarioYaml.SingleError("scenario: x\nusers: alice\nsteps: [{ advance: 1s }]\n");

        Assert.Equal("test.yaml:2:8: users: expected a list of users, found the value 'alice'.", error);
    }

    [Fact]
    public void Missing_required_key()
    {
        var error = ScenarioYaml.SingleError("scenario: x\nusers:\n  - { name: alice, device: \"201\" }\nsteps: [{ advance: 1s }]\n");

        Assert.Equal("test.yaml:3:5: users[0]: missing required key 'email'. Add 'email: <CloudLink account email>'.", error);
    }

    [Fact]
    public void Missing_scenario_name_and_steps()
    {
        var result = ScenarioYaml.Load("users:\n  - { name: alice, email: a@b.c, device: \"201\" }\n");

        Assert.Equal(
            [
                "test.yaml:1:1: top level: missing required key 'scenario'. Add 'scenario: <scenario name>'.",
                "test.yaml:1:1: top level: missing 'steps' or 'table'. Add 'steps: [...]' for one case or 'table:' for one case per row.",
            ],
            result.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Unknown_user()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - answer: alica\n");

        Assert.Equal("test.yaml:10:13: steps[0].answer: unknown user 'alica'. Did you mean 'alice'? Declare it under 'users' or use one of: alice, bob.", error);
    }

    [Fact]
    public void Call_to_neither_user_nor_number()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - call: { from: alice, to: carol }\n");

        Assert.Equal("test.yaml:10:30: steps[0].call.to: unknown user 'carol'. Use a declared user or dialled digits such as \"00123456789\" (trunk access code 0, then the number).", error);
    }

    [Fact]
    public void Call_to_a_written_number()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - call: { from: alice, to: \"+33 1 23 45 67 89\" }\n");

        Assert.Equal(
            "test.yaml:10:30: steps[0].call.to: '+33 1 23 45 67 89' is written, not dialled. A phone dials digits only: the trunk access code, then the number as a user dials it, "
            + "such as \"00123456789\" for +33 1 23 45 67 89 on a site in France (trunk access code 0). For a call from outside, use 'incoming'.",
            error);
    }

    [Fact]
    public void Unknown_step_kind()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - hangUp: alice\n");

        Assert.Equal(
            "test.yaml:10:5: steps[0]: unknown step kind 'hangUp'. Did you mean 'hangup'? Known step kinds: call, answer, hangup, phone, dnd, "
            + "pbxUserPresence, mitelOne, teamsClient, teamsUserSet, teamsUserClear, linkDrop, advance, expect, expectDiagnostic, incoming, "
            + "externalAnswer, externalHangup, reject, hold, retrieve, consult, transfer, blindTransfer, conference, pickup, forward, forwardOff, "
            + "coreStop, coreStart, coreRestart, expectHistory, expectSpeedDials.",
            error);
    }

    [Fact]
    public void Step_with_two_kinds()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - answer: bob\n    hangup: bob\n");

        Assert.Equal("test.yaml:10:5: steps[0]: a step has exactly one key, its kind, but this one has 2: answer, hangup. Put each step in its own list item.", error);
    }

    [Fact]
    public void Bad_duration()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - advance: 5 minutes\n");

        Assert.Equal(
            "test.yaml:10:14: steps[0].advance: invalid duration '5 minutes'. Use a number with ms, s, m, min or h (500ms, 5s, 30m, 30 min, 1h) or ISO-8601 (PT5M).",
            error);
    }

    [Fact]
    public void Bad_enum_value_lists_allowed()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - teamsClient: { user: alice, state: asleep }\n");

        Assert.Equal("test.yaml:10:40: steps[0].teamsClient.state: invalid value 'asleep'. Allowed values: offline, inactive, active, inCall, presenting.", error);
    }

    [Fact]
    public void Bad_enum_value_suggests_closest()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expect: { user: alice, cloudLink: Bussy }\n");

        Assert.Equal(
            "test.yaml:10:39: steps[0].expect.cloudLink: invalid value 'Bussy'. Did you mean 'Busy'? Allowed values: Available, Busy, DoNotDisturb, Away, Offline, Unknown.",
            error);
    }

    [Fact]
    public void Within_and_holds_together()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expect: { user: alice, teams: Busy, within: 5s, holds: 1m }\n");

        Assert.Equal(
            "test.yaml:10:53: steps[0].expect: 'within' and 'holds' are both set. Use 'within' to wait for the state or 'holds' to require that it lasts, not both.",
            error);
    }

    [Fact]
    public void Expect_without_any_field()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expect: { user: alice, within: 5s }\n");

        Assert.Equal("test.yaml:10:13: steps[0].expect: nothing to expect. Add at least one of teams, activity, cloudLink or appSession.", error);
    }

    [Fact]
    public void Duplicate_user_name_and_device()
    {
        var result = ScenarioYaml.Load("""
            scenario: x
            users:
              - { name: alice, email: a@contoso.com, device: "201" }
              - { name: alice, email: b@contoso.com, device: "202" }
              - { name: carol, email: c@contoso.com, device: "201" }
            steps: [{ advance: 1s }]
            """);

        Assert.Equal(
            [
                "test.yaml:4:13: users[1].name: duplicate user name 'alice' (first declared at line 3). Give each user a unique name.",
                "test.yaml:5:50: users[2].device: duplicate device '201' (first declared at line 3). Give each user their own directory number.",
            ],
            result.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Steps_and_table_together()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - answer: bob\ntable:\n  columns: [a]\n  rows: [[x]]\n  steps: [{ answer: bob }]\n");

        Assert.Equal("test.yaml:11:1: top level: 'steps' and 'table' are both set. Use 'steps' for one case or 'table' for one case per row, not both.", error);
    }

    [Fact]
    public void User_preferred_pair_not_accepted()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - teamsUserSet: { user: alice, availability: Busy, activity: Away }\n");

        Assert.StartsWith("test.yaml:10:64: steps[0].teamsUserSet: Graph does not accept the user-preferred pair Busy/Away. Allowed pairs: Available/Available,", error);
    }

    [Theory]
    [InlineData("99999h")]
    [InlineData("24h1ms")]
    [InlineData("P2D")]
    public void Advance_longer_than_a_day(string duration)
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + $"  - advance: {duration}\n");

        Assert.Equal(
            $"test.yaml:10:14: steps[0].advance: {duration} is longer than the 24h one advance step may move. "
            + "Split it into several advance steps of 24h or less, or check the value for a typo.",
            error);
    }

    [Theory]
    [InlineData("24h")]
    [InlineData("PT24H")]
    [InlineData("1440m")]
    public void Advance_of_a_day_accepted(string duration)
    {
        var step = ScenarioYaml.SingleStep($"advance: {duration}");

        var advance = Assert.IsType<AdvanceStep>(step);
        Assert.Equal(TimeSpan.FromHours(24), advance.Duration);
    }

    [Fact]
    public void Session_expiration_out_of_range()
    {
        var error = ScenarioYaml.SingleError("scenario: x\ncore: { sessionExpiration: 5h }\nusers: [{ name: a, email: a@b.c, device: \"1\" }]\nsteps: [{ advance: 1s }]\n");

        Assert.Equal("test.yaml:2:28: core.sessionExpiration: 5h is out of range. Graph accepts an expirationDuration from 5m to 4h.", error);
    }

    [Fact]
    public void Yaml_syntax_error_has_position()
    {
        var error = ScenarioYaml.SingleError("scenario: x\nusers: [\n  - a\nsteps: {\n");

        Assert.StartsWith("test.yaml:", error, StringComparison.Ordinal);
        Assert.Contains("invalid YAML: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_yaml_key_has_position()
    {
        var error = ScenarioYaml.SingleError("scenario: x\nscenario: y\n");

        Assert.StartsWith("test.yaml:2:1: invalid YAML: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file()
    {
        Assert.Equal("test.yaml:1:1: the file is empty. Write one scenario with at least 'scenario', 'users' and 'steps' or 'table'.", ScenarioYaml.SingleError(""));
    }

    [Fact]
    public void Collects_every_error()
    {
        var result = ScenarioYaml.Load(ScenarioYaml.Header + """
              - phone: { user: alice, state: bsy }
              - expect: { user: carol, teams: Busy, within: 5 minutes }
              - dnd: { user: bob, on: maybe }

            """);

        Assert.Equal(
            [
                "test.yaml:10:34: steps[0].phone.state: invalid value 'bsy'. Did you mean 'busy'? Allowed values: available, busy.",
                "test.yaml:11:21: steps[1].expect.user: unknown user 'carol'. Declare it under 'users' or use one of: alice, bob.",
                "test.yaml:11:49: steps[1].expect.within: invalid duration '5 minutes'. Use a number with ms, s, m, min or h (500ms, 5s, 30m, 30 min, 1h) or ISO-8601 (PT5M).",
                "test.yaml:12:27: steps[2].dnd.on: invalid value 'maybe'. Use true or false.",
            ],
            result.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Empty_user_name_in_step()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - answer:\n");

        Assert.Equal("test.yaml:10:12: steps[0].answer: missing user name. Use one of: alice, bob.", error);
    }

    [Fact]
    public void LinkDrop_takes_no_keys()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - linkDrop: { pbx: main }\n");

        Assert.Equal("test.yaml:10:17: steps[0].linkDrop: unknown key 'pbx'. This step takes no keys, so write it with an empty mapping '{}'.", error);
    }

    [Fact]
    public void Empty_case()
    {
        var error = ScenarioYaml.SingleError("scenario: x\nusers: [{ name: a, email: a@b.c, device: \"1\" }]\nsteps: []\n");

        Assert.Equal("test.yaml:3:8: steps: the case has no steps. Add at least one step.", error);
    }

    [Fact]
    public void Empty_table_steps()
    {
        var error = ScenarioYaml.SingleError("scenario: x\nusers: [{ name: a, email: a@b.c, device: \"1\" }]\ntable: { columns: [c], rows: [[v]], steps: [] }\n");

        Assert.Equal("test.yaml:3:44: table.steps: the case has no steps. Add at least one step.", error);
    }

    [Fact]
    public void Within_zero()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expect: { user: alice, teams: Busy, within: 0s }\n");

        Assert.Equal("test.yaml:10:49: steps[0].expect.within: the duration '0s' is zero. Use a duration greater than zero, such as 5s.", error);
    }

    [Fact]
    public void Holds_zero()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expect: { user: alice, teams: Busy, holds: PT0S }\n");

        Assert.Equal("test.yaml:10:48: steps[0].expect.holds: the duration 'PT0S' is zero. Use a duration greater than zero, such as 5s.", error);
    }

    [Fact]
    public void ExpectDiagnostic_within_zero()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - expectDiagnostic: { user: alice, kind: UserNotMatched, within: 0s }\n");

        Assert.Equal("test.yaml:10:68: steps[0].expectDiagnostic.within: the duration '0s' is zero. Use a duration greater than zero, such as 5s.", error);
    }

    [Fact]
    public void Call_to_caller()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - call: { from: alice, to: alice }\n");

        Assert.Equal("test.yaml:10:30: steps[0].call.to: alice would call themselves. Use another user or an external number.", error);
    }

    [Fact]
    public void Call_to_own_device()
    {
        var error = ScenarioYaml.SingleError(ScenarioYaml.Header + "  - call: { from: bob, to: \"202\" }\n");

        Assert.Equal(
            "test.yaml:10:28: steps[0].call.to: '202' is bob's own device, so bob would call themselves. Use another user or an external number.",
            error);
    }
}
