using Microsoft.Extensions.Time.Testing;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class CaseTimeLimitTests
{
    [Fact]
    public async Task Hanging_step_ends_case_as_error()
    {
        var clock = new FakeTimeProvider();
        var hanging = new HangingWorld();
        var runner = new ScenarioRunner(new ScriptedWorldFactory(_ => hanging), [], clock) { CaseTimeLimit = TimeSpan.FromMinutes(10) };
        var scenario = ScenarioYaml.LoadSteps("call: { from: alice, to: bob }", "answer: bob").Scenario!;

        var run = runner.RunAsync([scenario], CancellationToken.None);
        await hanging.Entered.Task;
        clock.Advance(TimeSpan.FromMinutes(10));
        var result = await run;

        var failed = Assert.Single(result.AllCases);
        Assert.Equal(CaseOutcome.Error, failed.Outcome);
        Assert.Equal(ExitCodes.HarnessError, result.ExitCode);
        Assert.Equal(
            "the case took longer than its limit of 10m of real time, so the world was stopped. It stopped in step 2 (answer bob).",
            failed.ErrorMessage);
        Assert.True(hanging.Disposed);
    }

    [Fact]
    public async Task Run_cancellation_is_not_time_limit()
    {
        var hanging = new HangingWorld();
        var runner = new ScenarioRunner(new ScriptedWorldFactory(_ => hanging), [], TimeProvider.System);
        var scenario = ScenarioYaml.LoadSteps("answer: bob").Scenario!;
        using var cancellation = new CancellationTokenSource();

        var run = runner.RunAsync([scenario], cancellation.Token);
        await hanging.Entered.Task;
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(hanging.Disposed);
    }

    /// <summary>A world whose AnswerStep runs until its token is cancelled.</summary>
    private sealed class HangingWorld : IScenarioWorld
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Disposed { get; private set; }

        public TimeSpan Elapsed => TimeSpan.Zero;

        public IReadOnlyList<TrailEntry> Trail => [];

        public async Task PerformAsync(ScenarioStep step, CancellationToken cancellationToken)
        {
            if (step is AnswerStep)
            {
                Entered.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }

        public Task AdvanceAsync(TimeSpan duration, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SettleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<UserObservation> ObserveAsync(string userName, CancellationToken cancellationToken) =>
            Task.FromResult(ScriptedWorld.Seen("Available"));

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
