using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;
using Spectre.Console;

namespace PbxLab.Harness.Reporting;

/// <summary>
/// Writes progress and the results to a console. Rich mode (a terminal) draws a Spectre.Console table
/// with colours; plain mode (CI, redirected output) writes aligned text only.
/// </summary>
public sealed class ConsoleReporter : IRunEventSink
{
    private readonly TextWriter _output;
    private readonly IAnsiConsole? _console;

    public ConsoleReporter(TextWriter output, bool rich)
    {
        _output = output;
        if (rich)
        {
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
            });
        }
    }

    public Task OnEventAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        switch (runEvent)
        {
            case CaseFinished finished:
                WriteProgress(finished);
                break;
            case RunFinished finished:
                WriteResults(finished.Result);
                break;
        }

        return Task.CompletedTask;
    }

    private void WriteProgress(CaseFinished finished)
    {
        var result = finished.Result;
        var name = finished.Scenario.IsTable ? $"{finished.Scenario.Name} / {result.Case.Name}" : finished.Scenario.Name;
        var line = $"{ReportText.Outcome(result.Outcome),-5} {name}";
        if (_console is null)
        {
            _output.WriteLine(line);
            return;
        }

        var colour = Colour(result.Outcome);
        _console.MarkupLine($"[{colour}]{Markup.Escape(ReportText.Outcome(result.Outcome)),-5}[/] {Markup.Escape(name)}");
    }

    private void WriteResults(RunResult result)
    {
        if (_console is null)
        {
            WritePlainTable(result);
        }
        else
        {
            WriteRichTable(_console, result);
        }

        foreach (var scenario in result.Scenarios)
        {
            foreach (var item in scenario.Cases.Where(item => item.Diagnostics.Count > 0))
            {
                WriteDiagnostics(scenario.Scenario, item);
            }
        }

        foreach (var scenario in result.Scenarios)
        {
            foreach (var item in scenario.Cases.Where(item => item.Outcome != CaseOutcome.Passed))
            {
                WriteFailure(scenario.Scenario, item);
            }
        }

        _output.WriteLine();
        _output.WriteLine($"{ReportText.Totals(result)}. Exit code {result.ExitCode}: {ReportText.ExitCodeMeaning(result.ExitCode)}.");
    }

    private void WritePlainTable(RunResult result)
    {
        var rows = new List<string[]> { new[] { "Scenario", "Case", "Result", "Scenario time", "Real time" } };
        foreach (var scenario in result.Scenarios)
        {
            foreach (var item in scenario.Cases)
            {
                rows.Add([scenario.Scenario.Name, CaseLabel(scenario.Scenario, item), ReportText.Outcome(item.Outcome),
                    DurationText.Format(item.ScenarioTime), ReportText.RealTime(item.RealTime)]);
            }
        }

        var widths = Enumerable.Range(0, 5).Select(column => rows.Max(row => row[column].Length)).ToArray();
        _output.WriteLine();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, column) => column == 4 ? cell : cell.PadRight(widths[column]));
            _output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }

    private static void WriteRichTable(IAnsiConsole console, RunResult result)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Scenario");
        table.AddColumn("Case");
        table.AddColumn("Result");
        table.AddColumn(new TableColumn("Scenario time").RightAligned());
        table.AddColumn(new TableColumn("Real time").RightAligned());
        foreach (var scenario in result.Scenarios)
        {
            foreach (var item in scenario.Cases)
            {
                table.AddRow(
                    Markup.Escape(scenario.Scenario.Name),
                    Markup.Escape(CaseLabel(scenario.Scenario, item)),
                    $"[{Colour(item.Outcome)}]{ReportText.Outcome(item.Outcome)}[/]",
                    DurationText.Format(item.ScenarioTime),
                    ReportText.RealTime(item.RealTime));
            }
        }

        console.WriteLine();
        console.Write(table);
    }

    private void WriteDiagnostics(ScenarioDefinition scenario, CaseResult item)
    {
        _output.WriteLine();
        var name = scenario.IsTable ? $"{scenario.Name} / {item.Case.Name}" : scenario.Name;
        _output.WriteLine($"Core diagnostics in {name}:");
        foreach (var diagnostic in item.Diagnostics)
        {
            _output.WriteLine($"  {diagnostic}");
        }
    }

    private void WriteFailure(ScenarioDefinition scenario, CaseResult item)
    {
        _output.WriteLine();
        var name = scenario.IsTable ? $"{scenario.Name} / {item.Case.Name}" : scenario.Name;
        _output.WriteLine($"{ReportText.Outcome(item.Outcome)} {name} ({scenario.SourceFile})");
        if (item.ErrorMessage is not null)
        {
            _output.WriteLine($"  {item.ErrorMessage}");
        }

        if (item.Failure is not { } failure)
        {
            return;
        }

        _output.WriteLine($"  step {ReportText.StepHeading(scenario, failure)}");
        _output.WriteLine($"  {failure.Message}");
        if (failure.Expected is not null)
        {
            _output.WriteLine($"  expected: {failure.Expected}");
            _output.WriteLine($"  observed: {failure.Observed}");
        }

        _output.WriteLine($"  trail (last {failure.Trail.Count} entries, failed at scenario time {DurationText.Format(failure.ScenarioTime)}):");
        foreach (var entry in failure.Trail)
        {
            _output.WriteLine($"    {ReportText.Trail(entry)}");
        }
    }

    private static string CaseLabel(ScenarioDefinition scenario, CaseResult item) =>
        scenario.IsTable ? item.Case.Name : "(single case)";

    private static string Colour(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Passed => "green",
        CaseOutcome.Failed => "red",
        _ => "yellow",
    };
}
