using System.Globalization;
using System.Text;
using System.Xml;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Reporting;

/// <summary>
/// Writes junit.xml when the run finishes: one testsuite per scenario, one testcase per case, a failure
/// element for a failed expectation or step and an error element for a harness error.
/// </summary>
public sealed class JUnitReporter : IRunEventSink
{
    public const string FileName = "junit.xml";

    private readonly string _reportDirectory;

    public JUnitReporter(string reportDirectory) => _reportDirectory = reportDirectory;

    public async Task OnEventAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        if (runEvent is RunFinished finished)
        {
            Directory.CreateDirectory(_reportDirectory);
            await File.WriteAllTextAsync(Path.Combine(_reportDirectory, FileName), Render(finished.Result), cancellationToken);
        }
    }

    /// <summary>Returns the report as indented XML with a trailing newline.</summary>
    public static string Render(RunResult result)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var stringWriter = new Utf8StringWriter(text))
        using (var writer = XmlWriter.Create(stringWriter, settings))
        {
            var cases = result.AllCases.ToList();
            writer.WriteStartDocument();
            writer.WriteStartElement("testsuites");
            writer.WriteAttributeString("name", "pbxlab");
            WriteCounts(writer, cases, result.RealTime);
            foreach (var scenario in result.Scenarios)
            {
                WriteSuite(writer, scenario);
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return text.Append('\n').ToString();
    }

    private static void WriteCounts(XmlWriter writer, IReadOnlyCollection<CaseResult> cases, TimeSpan realTime)
    {
        writer.WriteAttributeString("tests", cases.Count.ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("failures", cases.Count(item => item.Outcome == CaseOutcome.Failed).ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("errors", cases.Count(item => item.Outcome == CaseOutcome.Error).ToString(CultureInfo.InvariantCulture));
        writer.WriteAttributeString("time", Seconds(realTime));
    }

    private static void WriteSuite(XmlWriter writer, ScenarioResult scenario)
    {
        writer.WriteStartElement("testsuite");
        writer.WriteAttributeString("name", scenario.Scenario.Name);
        WriteCounts(writer, scenario.Cases, scenario.RealTime);
        writer.WriteAttributeString("skipped", "0");
        writer.WriteAttributeString("file", scenario.Scenario.SourceFile);
        foreach (var item in scenario.Cases)
        {
            writer.WriteStartElement("testcase");
            writer.WriteAttributeString("name", item.Case.Name);
            writer.WriteAttributeString("classname", scenario.Scenario.Name);
            writer.WriteAttributeString("time", Seconds(item.RealTime));
            if (item.Outcome == CaseOutcome.Error)
            {
                writer.WriteStartElement("error");
                writer.WriteAttributeString("message", item.ErrorMessage ?? item.Failure?.Message ?? "harness error");
                writer.WriteAttributeString("type", "HarnessError");
                writer.WriteString(Details(scenario.Scenario, item));
                writer.WriteEndElement();
            }
            else if (item.Failure is { } failure)
            {
                writer.WriteStartElement("failure");
                writer.WriteAttributeString("message", failure.Message);
                writer.WriteAttributeString("type", failure.Expected is null ? "StepFailed" : "ExpectationFailed");
                writer.WriteString(Details(scenario.Scenario, item));
                writer.WriteEndElement();
            }

            if (item.Diagnostics.Count > 0)
            {
                writer.WriteElementString("system-out", "core diagnostics:\n" + string.Join('\n', item.Diagnostics));
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static string Details(ScenarioDefinition scenario, CaseResult item)
    {
        var text = new StringBuilder();
        if (item.ErrorMessage is not null)
        {
            text.Append(item.ErrorMessage).Append('\n');
        }

        if (item.Failure is not { } failure)
        {
            return text.ToString();
        }

        text.Append("step ").Append(ReportText.StepHeading(scenario, failure)).Append('\n');
        text.Append(failure.Message).Append('\n');
        if (failure.Expected is not null)
        {
            text.Append("expected: ").Append(failure.Expected).Append('\n');
            text.Append("observed: ").Append(failure.Observed).Append('\n');
        }

        text.Append($"trail (last {failure.Trail.Count} entries, failed at scenario time {DurationText.Format(failure.ScenarioTime)}):\n");
        foreach (var entry in failure.Trail)
        {
            text.Append("  ").Append(ReportText.Trail(entry)).Append('\n');
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    // XmlWriter declares the encoding of its TextWriter; the report is written as UTF-8.
    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
