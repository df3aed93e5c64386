using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Running;

/// <summary>How a case ended. Error means the harness or its environment failed, not the system under test.</summary>
public enum CaseOutcome
{
    Passed,
    Failed,
    Error,
}

/// <summary>
/// Why a case stopped: the step (its index in setup followed by steps), the message and, for an
/// expectation, the expected and last observed values, plus the world's last trail entries.
/// </summary>
public sealed record StepFailure(
    ScenarioStep Step,
    int StepIndex,
    string Message,
    string? Expected,
    string? Observed,
    TimeSpan ScenarioTime,
    IReadOnlyList<TrailEntry> Trail);

/// <summary>The result of one case; ScenarioTime is the world's clock at the end, RealTime the wall-clock duration.</summary>
public sealed record CaseResult(
    ScenarioCase Case,
    CaseOutcome Outcome,
    int StepsPassed,
    TimeSpan ScenarioTime,
    TimeSpan RealTime,
    StepFailure? Failure,
    string? ErrorMessage)
{
    /// <summary>What the core reported during the case, one line each with the reason.</summary>
    public IReadOnlyList<string> Diagnostics { get; init; } = [];
}

/// <summary>The results of every case of one scenario.</summary>
public sealed record ScenarioResult(ScenarioDefinition Scenario, IReadOnlyList<CaseResult> Cases, TimeSpan RealTime)
{
    public CaseOutcome Outcome =>
        Cases.Any(result => result.Outcome == CaseOutcome.Error) ? CaseOutcome.Error
        : Cases.Any(result => result.Outcome == CaseOutcome.Failed) ? CaseOutcome.Failed
        : CaseOutcome.Passed;
}

/// <summary>The results of a whole run and the exit code they lead to.</summary>
public sealed record RunResult(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, TimeSpan RealTime, IReadOnlyList<ScenarioResult> Scenarios)
{
    public IEnumerable<CaseResult> AllCases => Scenarios.SelectMany(scenario => scenario.Cases);

    public int ExitCode =>
        AllCases.Any(result => result.Outcome == CaseOutcome.Error) ? ExitCodes.HarnessError
        : AllCases.Any(result => result.Outcome == CaseOutcome.Failed) ? ExitCodes.ExpectationFailed
        : ExitCodes.Passed;
}

/// <summary>Process exit codes of pbxlab.</summary>
public static class ExitCodes
{
    /// <summary>Every expectation held.</summary>
    public const int Passed = 0;

    /// <summary>At least one expectation failed or a step failed.</summary>
    public const int ExpectationFailed = 1;

    /// <summary>A scenario file or a command-line argument is invalid; nothing was started.</summary>
    public const int InvalidInput = 2;

    /// <summary>The harness or its environment failed, for example a component could not start.</summary>
    public const int HarnessError = 3;
}
