using System.Text;
using System.Text.Json;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Reporting;

/// <summary>
/// Writes report.json when the run finishes. The schema is versioned by schemaVersion and documented in
/// docs/scenarios.md; fields are only added within a version.
/// </summary>
public sealed class JsonReporter : IRunEventSink
{
    public const int SchemaVersion = 1;
    public const string FileName = "report.json";

    private readonly string _reportDirectory;

    public JsonReporter(string reportDirectory) => _reportDirectory = reportDirectory;

    public async Task OnEventAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        if (runEvent is RunFinished finished)
        {
            Directory.CreateDirectory(_reportDirectory);
            await File.WriteAllTextAsync(Path.Combine(_reportDirectory, FileName), Render(finished.Result), cancellationToken);
        }
    }

    /// <summary>Returns the report as indented JSON with a trailing newline.</summary>
    public static string Render(RunResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("schemaVersion", SchemaVersion);
            writer.WriteString("tool", "pbxlab");
            writer.WriteString("startedAt", result.StartedAt);
            writer.WriteString("finishedAt", result.FinishedAt);
            writer.WriteNumber("realTimeMs", (long)result.RealTime.TotalMilliseconds);
            writer.WriteNumber("exitCode", result.ExitCode);
            WriteTotals(writer, result);

            writer.WriteStartArray("scenarios");
            foreach (var scenario in result.Scenarios)
            {
                WriteScenario(writer, scenario);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteTotals(Utf8JsonWriter writer, RunResult result)
    {
        var cases = result.AllCases.ToList();
        writer.WriteStartObject("totals");
        writer.WriteNumber("scenarios", result.Scenarios.Count);
        writer.WriteNumber("cases", cases.Count);
        writer.WriteNumber("passed", cases.Count(item => item.Outcome == CaseOutcome.Passed));
        writer.WriteNumber("failed", cases.Count(item => item.Outcome == CaseOutcome.Failed));
        writer.WriteNumber("errors", cases.Count(item => item.Outcome == CaseOutcome.Error));
        writer.WriteEndObject();
    }

    private static void WriteScenario(Utf8JsonWriter writer, ScenarioResult scenario)
    {
        writer.WriteStartObject();
        writer.WriteString("name", scenario.Scenario.Name);
        writer.WriteString("file", scenario.Scenario.SourceFile);
        writer.WriteString("outcome", Outcome(scenario.Outcome));
        writer.WriteNumber("realTimeMs", (long)scenario.RealTime.TotalMilliseconds);
        writer.WriteStartArray("columns");
        foreach (var column in scenario.Scenario.TableColumns)
        {
            writer.WriteStringValue(column);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("cases");
        foreach (var item in scenario.Cases)
        {
            WriteCase(writer, scenario.Scenario, item);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCase(Utf8JsonWriter writer, ScenarioDefinition scenario, CaseResult item)
    {
        writer.WriteStartObject();
        writer.WriteString("name", item.Case.Name);
        writer.WriteNumber("row", item.Case.RowNumber);
        writer.WriteStartObject("cells");
        foreach (var cell in item.Case.Row)
        {
            writer.WriteString(cell.Key, cell.Value);
        }

        writer.WriteEndObject();
        writer.WriteString("outcome", Outcome(item.Outcome));
        writer.WriteNumber("steps", scenario.Setup.Count + item.Case.Steps.Count);
        writer.WriteNumber("stepsPassed", item.StepsPassed);
        writer.WriteNumber("scenarioTimeMs", (long)item.ScenarioTime.TotalMilliseconds);
        writer.WriteNumber("realTimeMs", (long)item.RealTime.TotalMilliseconds);
        if (item.ErrorMessage is null)
        {
            writer.WriteNull("error");
        }
        else
        {
            writer.WriteString("error", item.ErrorMessage);
        }

        if (item.Failure is { } failure)
        {
            WriteFailure(writer, failure);
        }
        else
        {
            writer.WriteNull("failure");
        }

        writer.WriteStartArray("diagnostics");
        foreach (var diagnostic in item.Diagnostics)
        {
            writer.WriteStringValue(diagnostic);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteFailure(Utf8JsonWriter writer, StepFailure failure)
    {
        writer.WriteStartObject("failure");
        writer.WriteNumber("stepIndex", failure.StepIndex);
        writer.WriteString("stepKind", failure.Step.Kind);
        writer.WriteString("step", failure.Step.Describe());
        writer.WriteString("file", failure.Step.Location.File);
        writer.WriteNumber("line", failure.Step.Location.Line);
        writer.WriteNumber("column", failure.Step.Location.Column);
        writer.WriteString("message", failure.Message);
        writer.WriteString("expected", failure.Expected);
        writer.WriteString("observed", failure.Observed);
        writer.WriteNumber("scenarioTimeMs", (long)failure.ScenarioTime.TotalMilliseconds);
        writer.WriteStartArray("trail");
        foreach (var entry in failure.Trail)
        {
            writer.WriteStartObject();
            writer.WriteNumber("timeMs", (long)entry.Time.TotalMilliseconds);
            writer.WriteString("source", entry.Source);
            writer.WriteString("text", entry.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Outcome(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "passed",
        CaseOutcome.Failed => "failed",
        _ => "error",
    };
}
