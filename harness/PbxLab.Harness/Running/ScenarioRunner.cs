using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Running;

/// <summary>
/// Runs scenarios case by case, each in a fresh world from the factory, and emits run events to the
/// sinks. A failing or throwing step ends only its case; a world that cannot start is a harness error.
/// </summary>
public sealed class ScenarioRunner
{
    /// <summary>Number of trail entries kept with a failure.</summary>
    public const int TrailLength = 30;

    /// <summary>How far 'within' moves the clock between two observations.</summary>
    public static readonly TimeSpan WithinTick = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Real time one case may take, world start and stop included, before it ends as an error. The
    /// slowest bundled case takes about 20 s on a loaded 2-core machine. A case that hangs must not
    /// hold a CI pipeline until the pipeline's own time limit.
    /// </summary>
    public static readonly TimeSpan DefaultCaseTimeLimit = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan GracePollInterval = TimeSpan.FromMilliseconds(20);

    private readonly IScenarioWorldFactory _worldFactory;
    private readonly IReadOnlyList<IRunEventSink> _sinks;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Real time one case may take; see <see cref="DefaultCaseTimeLimit"/>.</summary>
    public TimeSpan CaseTimeLimit { get; init; } = DefaultCaseTimeLimit;

    public ScenarioRunner(IScenarioWorldFactory worldFactory, IReadOnlyList<IRunEventSink> sinks, TimeProvider timeProvider, ILogger<ScenarioRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _worldFactory = worldFactory;
        _sinks = sinks;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger<ScenarioRunner>.Instance;
    }

    /// <summary>Returns the clock step of 'holds D': D/30 or one minute, whichever is smaller, but at least one second.</summary>
    public static TimeSpan HoldsTick(TimeSpan duration)
    {
        var tick = TimeSpan.FromTicks(Math.Min(duration.Ticks / 30, TimeSpan.FromMinutes(1).Ticks));
        return tick < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : tick;
    }

    public async Task<RunResult> RunAsync(IReadOnlyList<ScenarioDefinition> scenarios, CancellationToken cancellationToken)
    {
        var startedAt = _timeProvider.GetUtcNow();
        var runStart = _timeProvider.GetTimestamp();
        HarnessLog.RunStarted(_logger, scenarios.Count, scenarios.Sum(scenario => scenario.Cases.Count));
        await EmitAsync(new RunStarted(startedAt, scenarios), cancellationToken);

        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            var scenarioStart = _timeProvider.GetTimestamp();
            await EmitAsync(new ScenarioStarted(scenario), cancellationToken);

            var cases = new List<CaseResult>();
            foreach (var scenarioCase in scenario.Cases)
            {
                cases.Add(await RunCaseAsync(scenario, scenarioCase, cancellationToken));
            }

            var scenarioResult = new ScenarioResult(scenario, cases, _timeProvider.GetElapsedTime(scenarioStart));
            results.Add(scenarioResult);
            await EmitAsync(new ScenarioFinished(scenarioResult), cancellationToken);
        }

        var result = new RunResult(startedAt, _timeProvider.GetUtcNow(), _timeProvider.GetElapsedTime(runStart), results);
        HarnessLog.RunFinished(_logger, result.ExitCode, (long)result.RealTime.TotalMilliseconds);
        await EmitAsync(new RunFinished(result), cancellationToken);
        return result;
    }

    private async Task<CaseResult> RunCaseAsync(ScenarioDefinition scenario, ScenarioCase scenarioCase, CancellationToken runCancellation)
    {
        // The case runs on its own token, which the time limit cancels too; the run's token still
        // ends the whole run (Ctrl+C).
        using var timeLimit = new CancellationTokenSource(CaseTimeLimit, _timeProvider);
        using var caseCancellation = CancellationTokenSource.CreateLinkedTokenSource(runCancellation, timeLimit.Token);
        var cancellationToken = caseCancellation.Token;
        var start = _timeProvider.GetTimestamp();
        HarnessLog.CaseStarted(_logger, scenario.Name, scenarioCase.Name);
        await EmitAsync(new CaseStarted(scenario, scenarioCase), cancellationToken);

        IScenarioWorld world;
        try
        {
            world = await _worldFactory.CreateAsync(scenario, cancellationToken);
        }
        catch (Exception exception) when (!IsCancellation(exception, runCancellation))
        {
            HarnessLog.WorldCreationFailed(_logger, exception, scenario.Name, scenarioCase.Name);
            var reason = timeLimit.IsCancellationRequested ? TimeLimitMessage() : $"the world could not be started: {exception.Message}";
            var error = new CaseResult(scenarioCase, CaseOutcome.Error, 0, TimeSpan.Zero, _timeProvider.GetElapsedTime(start), null, reason);
            return await FinishCaseAsync(scenario, error, runCancellation);
        }

        var steps = scenario.Setup.Concat(scenarioCase.Steps).ToList();
        var passed = 0;
        StepFailure? failure = null;
        string? errorMessage;
        string? timeLimitMessage = null;
        var scenarioTime = TimeSpan.Zero;
        IReadOnlyList<string> diagnostics = [];
        try
        {
            for (var index = 0; index < steps.Count && failure is null; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                failure = await RunStepAsync(scenario, scenarioCase, world, steps[index], index, cancellationToken);
                if (failure is null)
                {
                    passed++;
                    await EmitAsync(new StepPassed(scenario, scenarioCase, steps[index], index, world.Elapsed), runCancellation);
                }
                else
                {
                    await EmitAsync(new StepFailed(scenario, scenarioCase, failure), runCancellation);
                }
            }
        }
        catch (OperationCanceledException) when (timeLimit.IsCancellationRequested && !runCancellation.IsCancellationRequested)
        {
            HarnessLog.CaseTimedOut(_logger, scenario.Name, scenarioCase.Name, (long)CaseTimeLimit.TotalSeconds, passed);
            var stuck = passed < steps.Count ? $" It stopped in step {passed + 1} ({steps[passed].Describe()})." : "";
            timeLimitMessage = TimeLimitMessage() + stuck;
        }
        finally
        {
            scenarioTime = world.Elapsed;
            diagnostics = world.Diagnostics;
            errorMessage = await DisposeWorldAsync(scenario, scenarioCase, world);
        }

        errorMessage ??= timeLimitMessage;

        var outcome = CaseOutcome.Passed;
        if (errorMessage is not null)
        {
            outcome = CaseOutcome.Error;
        }
        else if (failure is not null)
        {
            outcome = CaseOutcome.Failed;
        }

        var result = new CaseResult(scenarioCase, outcome, passed, scenarioTime, _timeProvider.GetElapsedTime(start), failure, errorMessage)
        {
            Diagnostics = diagnostics,
        };
        return await FinishCaseAsync(scenario, result, runCancellation);
    }

    private string TimeLimitMessage() =>
        $"the case took longer than its limit of {DurationText.Format(CaseTimeLimit)} of real time, so the world was stopped.";

    private async Task<CaseResult> FinishCaseAsync(ScenarioDefinition scenario, CaseResult result, CancellationToken cancellationToken)
    {
        HarnessLog.CaseFinished(_logger, scenario.Name, result.Case.Name, result.Outcome, DurationText.Format(result.ScenarioTime));
        await EmitAsync(new CaseFinished(scenario, result), cancellationToken);
        return result;
    }

    private async Task<string?> DisposeWorldAsync(ScenarioDefinition scenario, ScenarioCase scenarioCase, IScenarioWorld world)
    {
        try
        {
            await world.DisposeAsync();
            return null;
        }
        catch (Exception exception)
        {
            HarnessLog.WorldDisposeFailed(_logger, exception, scenario.Name, scenarioCase.Name);
            return $"the world could not be stopped: {exception.Message}";
        }
    }

    private async Task<StepFailure?> RunStepAsync(
        ScenarioDefinition scenario, ScenarioCase scenarioCase, IScenarioWorld world, ScenarioStep step, int index, CancellationToken cancellationToken)
    {
        try
        {
            switch (step)
            {
                case AdvanceStep advance:
                    await world.AdvanceAsync(advance.Duration, cancellationToken);
                    return null;
                case ExpectStep expect when expect.Mode == ExpectMode.Within:
                    return await ExpectWithinAsync(world, expect, index, cancellationToken);
                case ExpectStep expect:
                    return await ExpectHoldsAsync(world, expect, index, cancellationToken);
                case ExpectDiagnosticStep diagnostic:
                    return await ExpectDiagnosticAsync(world, diagnostic, index, cancellationToken);
                case ExpectHistoryStep history:
                    return await ExpectHistoryAsync(world, history, index, cancellationToken);
                case ExpectSpeedDialsStep speedDials:
                    return await ExpectSpeedDialsAsync(world, speedDials, index, cancellationToken);
                default:
                    await world.PerformAsync(step, cancellationToken);
                    return null;
            }
        }
        catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
        {
            HarnessLog.StepThrew(_logger, exception, index, step.Kind, scenario.Name, scenarioCase.Name);
            return Failure(world, step, index, $"{step.Describe()} failed: {exception.Message}", null, null);
        }
    }

    private async Task<StepFailure?> ExpectWithinAsync(IScenarioWorld world, ExpectStep expect, int index, CancellationToken cancellationToken)
    {
        await world.SettleAsync(cancellationToken);

        // The runner counts the time it advanced itself, so a clock that does not move cannot loop forever.
        var waited = TimeSpan.Zero;
        while (true)
        {
            var observation = await world.ObserveAsync(expect.User, cancellationToken);
            var mismatches = ExpectationMatcher.Match(expect, observation);
            if (mismatches.Count == 0)
            {
                return null;
            }

            var remaining = expect.Duration - waited;
            if (remaining <= TimeSpan.Zero)
            {
                var lateObservation = await ObserveDuringGraceAsync(world, expect, observation, cancellationToken);
                if (lateObservation is null)
                {
                    return null;
                }

                observation = lateObservation;
                mismatches = ExpectationMatcher.Match(expect, observation);
                var message = $"{expect.User} did not reach {ExpectationMatcher.DescribeExpected(expect)} within {DurationText.Format(expect.Duration)}: "
                    + DescribeMismatches(mismatches) + ".";
                return Failure(world, expect, index, message, ExpectationMatcher.DescribeExpected(expect), ExpectationMatcher.DescribeObserved(observation));
            }

            var tick = remaining < WithinTick ? remaining : WithinTick;
            await world.AdvanceAsync(tick, cancellationToken);
            waited += tick;
        }
    }

    /// <summary>
    /// Observes for the world's real-time grace without moving its clock (the wall clock, because
    /// the grace is about a slow machine, not about scenario time). Returns null once the
    /// expectation matches, else the last observation.
    /// </summary>
    private static async Task<UserObservation?> ObserveDuringGraceAsync(
        IScenarioWorld world, ExpectStep expect, UserObservation observation, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (ExpectationMatcher.Match(expect, observation).Count > 0)
        {
            if (TimeProvider.System.GetElapsedTime(started) >= world.RealTimeGrace)
            {
                return observation;
            }

            await Task.Delay(GracePollInterval, TimeProvider.System, cancellationToken);
            observation = await world.ObserveAsync(expect.User, cancellationToken);
        }

        return null;
    }

    private async Task<StepFailure?> ExpectHoldsAsync(IScenarioWorld world, ExpectStep expect, int index, CancellationToken cancellationToken)
    {
        await world.SettleAsync(cancellationToken);
        var tick = HoldsTick(expect.Duration);
        var held = TimeSpan.Zero;
        while (true)
        {
            var observation = await world.ObserveAsync(expect.User, cancellationToken);
            var mismatches = ExpectationMatcher.Match(expect, observation);
            if (mismatches.Count > 0)
            {
                var message = $"{expect.User} left {ExpectationMatcher.DescribeExpected(expect)} at scenario time {DurationText.Format(world.Elapsed)}, "
                    + $"{DurationText.Format(held)} into holds {DurationText.Format(expect.Duration)}: {DescribeMismatches(mismatches)}.";
                return Failure(world, expect, index, message, ExpectationMatcher.DescribeExpected(expect), ExpectationMatcher.DescribeObserved(observation));
            }

            if (held >= expect.Duration)
            {
                return null;
            }

            var remaining = expect.Duration - held;
            var step = remaining < tick ? remaining : tick;
            await world.AdvanceAsync(step, cancellationToken);
            held += step;
        }
    }

    private async Task<StepFailure?> ExpectDiagnosticAsync(IScenarioWorld world, ExpectDiagnosticStep expect, int index, CancellationToken cancellationToken)
    {
        await world.SettleAsync(cancellationToken);
        var waited = TimeSpan.Zero;
        while (true)
        {
            var observation = await world.ObserveAsync(expect.User, cancellationToken);
            if (ExpectationMatcher.Match(expect, observation))
            {
                return null;
            }

            var remaining = expect.Within - waited;
            if (remaining <= TimeSpan.Zero)
            {
                var reported = observation.DiagnosticKinds.Count == 0 ? "none" : string.Join(", ", observation.DiagnosticKinds);
                var message = $"no {expect.DiagnosticKind} diagnostic for {expect.User} within {DurationText.Format(expect.Within)}. Diagnostics reported: {reported}.";
                return Failure(world, expect, index, message, $"diagnostic={expect.DiagnosticKind}", $"diagnostics={reported}");
            }

            var tick = remaining < WithinTick ? remaining : WithinTick;
            await world.AdvanceAsync(tick, cancellationToken);
            waited += tick;
        }
    }

    private Task<StepFailure?> ExpectHistoryAsync(IScenarioWorld world, ExpectHistoryStep expect, int index, CancellationToken cancellationToken) =>
        ExpectCoreDataWithinAsync(
            world,
            expect,
            index,
            expect.Within,
            async token =>
            {
                var records = await world.ObserveHistoryAsync(expect.User, token);
                return (HistoryMatcher.Match(expect, records), HistoryMatcher.DescribeObserved(records));
            },
            $"{expect.User}'s call history",
            HistoryMatcher.DescribeExpected(expect),
            cancellationToken);

    private Task<StepFailure?> ExpectSpeedDialsAsync(IScenarioWorld world, ExpectSpeedDialsStep expect, int index, CancellationToken cancellationToken) =>
        ExpectCoreDataWithinAsync(
            world,
            expect,
            index,
            expect.Within,
            async token =>
            {
                var entries = await world.ObserveSpeedDialsAsync(expect.User, token);
                return (HistoryMatcher.Match(expect, entries), HistoryMatcher.DescribeObserved(entries));
            },
            $"{expect.User}'s speed dials",
            HistoryMatcher.DescribeExpected(expect),
            cancellationToken);

    /// <summary>
    /// Waits, as 'within' does, for data the core serves (call history, speed dials) to match. It
    /// observes and moves the clock a tick while the data does not match. After the deadline it
    /// gives the world's real-time grace, because the core writes records on its own thread.
    /// </summary>
    private static async Task<StepFailure?> ExpectCoreDataWithinAsync(
        IScenarioWorld world,
        ScenarioStep step,
        int index,
        TimeSpan within,
        Func<CancellationToken, Task<(IReadOnlyList<string> Mismatches, string Observed)>> observe,
        string subject,
        string expected,
        CancellationToken cancellationToken)
    {
        await world.SettleAsync(cancellationToken);
        var waited = TimeSpan.Zero;
        while (true)
        {
            var (mismatches, observed) = await observe(cancellationToken);
            if (mismatches.Count == 0)
            {
                return null;
            }

            var remaining = within - waited;
            if (remaining <= TimeSpan.Zero)
            {
                var graceStarted = TimeProvider.System.GetTimestamp();
                while (TimeProvider.System.GetElapsedTime(graceStarted) < world.RealTimeGrace)
                {
                    await Task.Delay(GracePollInterval, TimeProvider.System, cancellationToken);
                    (mismatches, observed) = await observe(cancellationToken);
                    if (mismatches.Count == 0)
                    {
                        return null;
                    }
                }

                var message = $"{subject} did not match within {DurationText.Format(within)}: {string.Join("; ", mismatches)}.";
                return Failure(world, step, index, message, expected, observed);
            }

            var tick = remaining < WithinTick ? remaining : WithinTick;
            await world.AdvanceAsync(tick, cancellationToken);
            waited += tick;
        }
    }

    private static string DescribeMismatches(IReadOnlyList<Mismatch> mismatches) =>
        string.Join(", ", mismatches.Select(mismatch => $"{mismatch.Field} was {mismatch.Observed}, expected {mismatch.Expected}"));

    private static StepFailure Failure(IScenarioWorld world, ScenarioStep step, int index, string message, string? expected, string? observed)
    {
        var trail = world.Trail;
        var last = trail.Skip(Math.Max(0, trail.Count - TrailLength)).ToList();
        return new StepFailure(step, index, message, expected, observed, world.Elapsed, last);
    }

    private static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private async Task EmitAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            await sink.OnEventAsync(runEvent, cancellationToken);
        }
    }
}
