using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class CoreOrderTests
{
    [Fact]
    public void Stop_actions_start_expect_is_valid()
    {
        var result = ScenarioYaml.LoadSteps(
            "call: { from: alice, to: bob }",
            "coreStop: {}",
            "answer: bob",
            "advance: 10s",
            "hangup: alice",
            "coreStart: {}",
            "expectHistory: { user: alice, count: 1 }");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Case_may_end_stopped()
    {
        var result = ScenarioYaml.LoadSteps("coreRestart: {}", "coreStop: {}");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Expect_while_stopped()
    {
        var result = ScenarioYaml.LoadSteps("coreStop: {}", "advance: 1s", "expect: { user: alice, teams: Busy }");

        Assert.Equal(
            "test.yaml:12:5: steps[2].expect: the core is stopped here (coreStop at line 10). Add coreStart before it.",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Every_expectation_needs_core()
    {
        var result = ScenarioYaml.LoadSteps(
            "coreStop: {}",
            "expectDiagnostic: { user: bob, kind: UserNotMatched }",
            "expectHistory: { user: alice, count: 0 }",
            "expectSpeedDials: { user: alice, available: [Bob] }");

        Assert.Equal(
            [
                "test.yaml:11:5: steps[1].expectDiagnostic: the core is stopped here (coreStop at line 10). Add coreStart before it.",
                "test.yaml:12:5: steps[2].expectHistory: the core is stopped here (coreStop at line 10). Add coreStart before it.",
                "test.yaml:13:5: steps[3].expectSpeedDials: the core is stopped here (coreStop at line 10). Add coreStart before it.",
            ],
            result.Errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Start_while_running()
    {
        var result = ScenarioYaml.LoadSteps("advance: 1s", "coreStart: {}");

        Assert.Equal(
            "test.yaml:11:5: steps[1].coreStart: the core is already running here. Add coreStop before it, or use coreRestart to stop and start the core in one step.",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Stop_twice()
    {
        var result = ScenarioYaml.LoadSteps("coreStop: {}", "coreStop: {}");

        Assert.Equal(
            "test.yaml:11:5: steps[1].coreStop: the core is already stopped here (coreStop at line 10). Remove this coreStop or add coreStart before it.",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Restart_while_stopped()
    {
        var result = ScenarioYaml.LoadSteps("coreStop: {}", "coreRestart: {}", "expect: { user: alice, teams: Available }");

        Assert.Equal(
            "test.yaml:11:5: steps[1].coreRestart: the core is stopped here (coreStop at line 10), so it cannot restart. Use coreStart instead.",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Setup_stop_carries_into_every_row()
    {
        var result = ScenarioYaml.Load("""
            scenario: Table
            users:
              - { name: alice, email: alice@contoso.com, device: "201" }
            setup:
              - coreStop: {}
            table:
              columns: [teams]
              rows:
                - [Available]
                - [Busy]
              steps:
                - coreStart: {}
                - expect: { user: alice, teams: "${teams}" }
                - coreStart: {}
            """);

        Assert.Equal(
            "test.yaml:14:7: table.steps[2].coreStart: the core is already running here. Add coreStop before it, or use coreRestart to stop and start the core in one step.",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Each_row_starts_from_setup()
    {
        var result = ScenarioYaml.Load("""
            scenario: Table
            users:
              - { name: alice, email: alice@contoso.com, device: "201" }
            table:
              columns: [teams]
              rows:
                - [Available]
                - [Busy]
              steps:
                - coreStop: {}
                - coreStart: {}
                - expect: { user: alice, teams: "${teams}" }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Scenario!.Cases.Count);
    }
}
