using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class ScenarioRunnerTests
{
    private static ScenarioDefinition Scenario(params string[] steps)
    {
        var result = ScenarioYaml.LoadSteps(steps);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Scenario!;
    }

    private static async Task<(RunResult Result, RecordingSink Sink)> RunAsync(IScenarioWorldFactory factory, params ScenarioDefinition[] scenarios)
    {
        var sink = new RecordingSink();
        var runner = new ScenarioRunner(factory, [sink], TimeProvider.System);
        var result = await runner.RunAsync(scenarios, CancellationToken.None);
        return (result, sink);
    }

    [Fact]
    public async Task Within_passes_after_time_advances()
    {
        var world = new ScriptedWorld((time, _) => ScriptedWorld.Seen(time >= TimeSpan.FromSeconds(1) ? "Busy" : "Available"));

        var (result, _) = await RunAsync(new ScriptedWorldFactory(_ => world), Scenario("expect: { user: alice, teams: Busy, within: 5s }"));

        Assert.Equal(ExitCodes.Passed, result.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(1), world.Elapsed);
        Assert.Equal(5, world.Observations);
    }

    [Fact]
    public async Task Within_fails_with_expected_and_observed()
    {
        var world = new ScriptedWorld((_, _) => ScriptedWorld.Seen("Available"));

        var (result, _) = await RunAsync(new ScriptedWorldFactory(_ => world), Scenario("expect: { user: alice, teams: Busy, cloudLink: Available, within: 2s }"));

        var failed = Assert.Single(result.AllCases);
        Assert.Equal(CaseOutcome.Failed, failed.Outcome);
        Assert.Equal(ExitCodes.ExpectationFailed, result.ExitCode);
        Assert.Equal(TimeSpan.FromSeconds(2), world.Elapsed);
        var failure = failed.Failure!;
        Assert.Equal("alice did not reach teams=Busy cloudLink=Available within 2s: teams was Available, expected Busy.", failure.Message);
        Assert.Equal("teams=Busy cloudLink=Available", failure.Expected);
        Assert.Equal("teams=Available activity=Available cloudLink=Available appSession=none diagnostics=none", failure.Observed);
        Assert.Equal(TimeSpan.FromSeconds(2), failure.ScenarioTime);
    }

    [Fact]
    public async Task Within_last_tick_is_the_remainder()
    {
        var world = new ScriptedWorld((_, _) => ScriptedWorld.Seen("Available"));

        await RunAsync(new ScriptedWorldFactory(_ => world), Scenario("expect: { user: alice, teams: Busy, within: 600ms }"));

        Assert.Equal(TimeSpan.FromMilliseconds(600), world.Elapsed);
        Assert.Equal(4, world.Observations);
    }

    [Fact]
    public async Task Holds_breaks_at_the_right_time()
    {
        var world = new ScriptedWorld((time, _) => ScriptedWorld.Seen(time < TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5) ? "Busy" : "Available"));

        var (result, _) = await RunAsync(new ScriptedWorldFactory(_ => world), Scenario("advance: 5s", "expect: { user: alice, teams: Busy, holds: 30m }"));

        var failure = Assert.Single(result.AllCases).Failure!;
        Assert.Equal(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5), failure.ScenarioTime);
        Assert.Equal("alice left teams=Busy at scenario time 10m5s, 10m into holds 30m: teams was Available, expected Busy.", failure.Message);
        Assert.Equal(1, failure.StepIndex);
    }

    [Fact]
    public async Task Holds_passes_after_full_duration()
    {
        var world = new ScriptedWorld((_, _) => ScriptedWorld.Seen("Busy"));

        var (result, _) = await RunAsync(new ScriptedWorldFactory(_ => world), Scenario("expect: { user: alice, teams: Busy, holds: 2h }"));

        Assert.Equal(ExitCodes.Passed, result.ExitCode);
        Assert.Equal(TimeSpan.FromHours(2), world.Elapsed);
        Assert.Equal(121, world.Observations);
    }

    [Theory]
    [InlineData(30 * 60, 60)]
    [InlineData(2 * 60 * 60, 60)]
    [InlineData(5 * 60, 10)]
    [InlineData(10, 1)]
    public void HoldsTick_is_bounded(int seconds, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ScenarioRunner.HoldsTick(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public async Task Throwing_step_fails_only_its_case()
    {
        var scenario = ScenarioYaml.Load("""
            scenario: Rows
            users:
              - { name: alice, email: alice@contoso.com, device: "201" }
            table:
              columns: [state]
              rows: [[busy], [available]]
              steps:
                - phone: { user: alice, state: "${state}" }
                - advance: 1s
            """).Scenario!;
        var worlds = new List<ScriptedWorld>();
        var factory = new ScriptedWorldFactory(_ =>
        {
            var world = new ScriptedWorld((_, _) => ScriptedWorld.Seen("Available")) { ThrowsOn = step => step is PhoneStep { State: PhoneState.Busy } };
            worlds.Add(world);
            return world;
        });

        var (result, _) = await RunAsync(factory, scenario);

        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Passed], result.AllCases.Select(item => item.Outcome));
        Assert.Equal("phone alice busy failed: the PBX simulator rejected the request", result.AllCases.First().Failure!.Message);
        Assert.Null(result.AllCases.First().Failure!.Expected);
        Assert.Equal(ExitCodes.ExpectationFailed, result.ExitCode);
        Assert.Equal(2, worlds.Count);
        Assert.All(worlds, world => Assert.True(world.Disposed));
        Assert.Equal(TimeSpan.Zero, worlds[0].Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(1), worlds[1].Elapsed);
    }

    [Fact]
    public async Task World_creation_failure_is_harness_error()
    {
        var broken = Scenario("advance: 1s");
        var fine = Scenario("advance: 1s");
        var factory = new ScriptedWorldFactory(scenario => ReferenceEquals(scenario, broken)
            ? throw new InvalidOperationException("port 7001 is in use")
            : new ScriptedWorld((_, _) => ScriptedWorld.Seen("Available")));

        var (result, _) = await RunAsync(factory, broken, fine);

        Assert.Equal(ExitCodes.HarnessError, result.ExitCode);
        Assert.Equal([CaseOutcome.Error, CaseOutcome.Passed], result.AllCases.Select(item => item.Outcome));
        Assert.Equal("the world could not be started: port 7001 is in use", result.AllCases.First().ErrorMessage);
    }

    [Fact]
    public async Task Setup_runs_before_steps_in_every_case()
    {
        var scenario = ScenarioYaml.Load("""
            scenario: Setup
            users:
              - { name: alice, email: alice@contoso.com, device: "201" }
            setup:
              - teamsClient: { user: alice, state: active }
            table:
              columns: [value]
              rows: [[Away], [Busy]]
              steps:
                - mitelOne: { user: alice, value: "${value}" }
            """).Scenario!;
        var worlds = new List<ScriptedWorld>();
        var factory = new ScriptedWorldFactory(_ =>
        {
            var world = new ScriptedWorld((_, _) => ScriptedWorld.Seen("Available"));
            worlds.Add(world);
            return world;
        });

        await RunAsync(factory, scenario);

        Assert.Equal(["teamsClient alice active", "mitelOne alice Away"], worlds[0].Performed);
        Assert.Equal(["teamsClient alice active", "mitelOne alice Busy"], worlds[1].Performed);
    }

    [Fact]
    public async Task ExpectDiagnostic_waits_for_kind()
    {
        var world = new ScriptedWorld((time, _) => time >= TimeSpan.FromSeconds(2)
            ? ScriptedWorld.Seen("Offline", diagnostics: "UserNotMatched")
            : ScriptedWorld.Seen("Offline"));

        var (result, _) = await RunAsync(new ScriptedWorldFactory(_ => world),
            Scenario("expectDiagnostic: { user: alice, kind: UserNotMatched, within: 5s }", "expectDiagnostic: { user: alice, kind: RoleMissing, within: 1s }"));

        var failure = Assert.Single(result.AllCases).Failure!;
        Assert.Equal(1, failure.StepIndex);
        Assert.Equal("no RoleMissing diagnostic for alice within 1s. Diagnostics reported: UserNotMatched.", failure.Message);
        Assert.Equal(TimeSpan.FromSeconds(3), world.Elapsed);
    }

    [Fact]
    public async Task Failure_keeps_last_trail_entries()
    {
        var world = new ScriptedWorld((_, _) => ScriptedWorld.Seen("Available"));
        var steps = Enumerable.Repeat("dnd: { user: alice, on: true }", 40).Append("expect: { user: alice, teams: Busy, within: 1ms }").ToArray();

        var (result, _) = await RunAsync(new ScriptedWorldFactory(_ => world), Scenario(steps));

        var failure = Assert.Single(result.AllCases).Failure!;
        Assert.Equal(ScenarioRunner.TrailLength, failure.Trail.Count);
        Assert.Equal(40, failure.StepIndex);
    }

    [Fact]
    public async Task Events_arrive_in_order()
    {
        var world = new ScriptedWorld((_, _) => ScriptedWorld.Seen("Available"));

        var (_, sink) = await RunAsync(new ScriptedWorldFactory(_ => world), Scenario("advance: 1s", "expect: { user: alice, teams: Busy, within: 1ms }", "advance: 1s"));

        Assert.Equal(
            ["RunStarted", "ScenarioStarted", "CaseStarted", "StepPassed", "StepFailed", "CaseFinished", "ScenarioFinished", "RunFinished"],
            sink.Events.Select(runEvent => runEvent.GetType().Name));
    }
}
