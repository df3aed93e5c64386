using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Running;

/// <summary>
/// One event of a run, in the order the runner emits them: RunStarted, then per scenario ScenarioStarted,
/// per case CaseStarted, StepPassed or StepFailed per step, CaseFinished, then ScenarioFinished, and RunFinished last.
/// </summary>
public abstract record RunEvent;

public sealed record RunStarted(DateTimeOffset StartedAt, IReadOnlyList<ScenarioDefinition> Scenarios) : RunEvent;

public sealed record ScenarioStarted(ScenarioDefinition Scenario) : RunEvent;

public sealed record CaseStarted(ScenarioDefinition Scenario, ScenarioCase Case) : RunEvent;

public sealed record StepPassed(ScenarioDefinition Scenario, ScenarioCase Case, ScenarioStep Step, int StepIndex, TimeSpan ScenarioTime) : RunEvent;

public sealed record StepFailed(ScenarioDefinition Scenario, ScenarioCase Case, StepFailure Failure) : RunEvent;

public sealed record CaseFinished(ScenarioDefinition Scenario, CaseResult Result) : RunEvent;

public sealed record ScenarioFinished(ScenarioResult Result) : RunEvent;

public sealed record RunFinished(RunResult Result) : RunEvent;

/// <summary>A consumer of run events, such as a reporter. Events arrive one at a time, in order.</summary>
public interface IRunEventSink
{
    Task OnEventAsync(RunEvent runEvent, CancellationToken cancellationToken);
}
