using System.Globalization;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Reporting;

/// <summary>Wording shared by the reporters.</summary>
public static class ReportText
{
    public static string Outcome(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "PASS",
        CaseOutcome.Failed => "FAIL",
        _ => "ERROR",
    };

    public static string RealTime(TimeSpan duration) =>
        duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s"
            : ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";

    public static string ExitCodeMeaning(int exitCode) => exitCode switch
    {
        ExitCodes.Passed => "every expectation held",
        ExitCodes.ExpectationFailed => "an expectation or a step failed",
        ExitCodes.InvalidInput => "invalid scenario or arguments",
        _ => "harness or environment error",
    };

    /// <summary>Returns the step with its place in the file: "steps[2] at file:12:7: expect ...".</summary>
    public static string StepHeading(ScenarioDefinition scenario, StepFailure failure)
    {
        var section = failure.StepIndex < scenario.Setup.Count
            ? $"setup[{failure.StepIndex}]"
            : $"{(scenario.IsTable ? "table.steps" : "steps")}[{failure.StepIndex - scenario.Setup.Count}]";
        return $"{section} at {failure.Step.Location}: {failure.Step.Describe()}";
    }

    public static string Trail(TrailEntry entry) => $"{DurationText.Format(entry.Time),10}  {entry.Source,-5}  {entry.Text}";

    /// <summary>Returns the summary line, e.g. "3 cases: 1 passed, 1 failed, 1 error".</summary>
    public static string Totals(RunResult result)
    {
        var cases = result.AllCases.ToList();
        var passed = cases.Count(item => item.Outcome == CaseOutcome.Passed);
        var failed = cases.Count(item => item.Outcome == CaseOutcome.Failed);
        var errors = cases.Count(item => item.Outcome == CaseOutcome.Error);
        return $"{Count(result.Scenarios.Count, "scenario")}, {Count(cases.Count, "case")}: {passed} passed, {failed} failed, {Count(errors, "error")}";
    }

    /// <summary>Returns "1 case" or "15 cases".</summary>
    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
