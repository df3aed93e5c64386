using Microsoft.Extensions.Logging;

namespace PbxLab.Harness.Running;

/// <summary>Log messages of the scenario runner, event ids 5000-5099.</summary>
internal static partial class HarnessLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Run started with {ScenarioCount} scenarios and {CaseCount} cases")]
    public static partial void RunStarted(ILogger logger, int scenarioCount, int caseCount);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Run finished with exit code {ExitCode} in {RealTimeMs} ms")]
    public static partial void RunFinished(ILogger logger, int exitCode, long realTimeMs);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Case {ScenarioName} / {CaseName} started")]
    public static partial void CaseStarted(ILogger logger, string scenarioName, string caseName);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Case {ScenarioName} / {CaseName} {Outcome} at scenario time {ScenarioTime}")]
    public static partial void CaseFinished(ILogger logger, string scenarioName, string caseName, CaseOutcome outcome, string scenarioTime);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Error, Message = "World for {ScenarioName} / {CaseName} could not be created")]
    public static partial void WorldCreationFailed(ILogger logger, Exception exception, string scenarioName, string caseName);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Debug, Message = "Step {StepIndex} ({StepKind}) of {ScenarioName} / {CaseName} threw; the case reports it as a failed step")]
    public static partial void StepThrew(ILogger logger, Exception exception, int stepIndex, string stepKind, string scenarioName, string caseName);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Error, Message = "World for {ScenarioName} / {CaseName} could not be disposed")]
    public static partial void WorldDisposeFailed(ILogger logger, Exception exception, string scenarioName, string caseName);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Error, Message = "Case {ScenarioName} / {CaseName} passed its real-time limit of {LimitSeconds} s after {StepsPassed} steps")]
    public static partial void CaseTimedOut(ILogger logger, string scenarioName, string caseName, long limitSeconds, int stepsPassed);
}
