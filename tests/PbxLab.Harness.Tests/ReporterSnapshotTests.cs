using PbxLab.Harness.Reporting;
using Snapshooter.Xunit;

namespace PbxLab.Harness.Tests;

public class ReporterSnapshotTests
{
    [Fact]
    public async Task Console_plain()
    {
        var (_, console) = await FakeRun.RunAsync();

        Snapshot.Match(console);
    }

    [Fact]
    public async Task Report_json()
    {
        var (result, _) = await FakeRun.RunAsync();

        Snapshot.Match(JsonReporter.Render(result));
    }

    [Fact]
    public async Task Junit_xml()
    {
        var (result, _) = await FakeRun.RunAsync();

        Snapshot.Match(JUnitReporter.Render(result));
    }

    [Fact]
    public async Task Fake_run_exit_code_is_harness_error()
    {
        var (result, _) = await FakeRun.RunAsync();

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Reporters_write_files_on_run_finished()
    {
        var (result, _) = await FakeRun.RunAsync();
        var directory = Path.Combine(Path.GetTempPath(), "pbxlab-reports-" + Guid.NewGuid().ToString("N"));
        try
        {
            await new JsonReporter(directory).OnEventAsync(new Harness.Running.RunFinished(result), CancellationToken.None);
            await new JUnitReporter(directory).OnEventAsync(new Harness.Running.RunFinished(result), CancellationToken.None);

            Assert.Equal(JsonReporter.Render(result), await File.ReadAllTextAsync(Path.Combine(directory, "report.json")));
            Assert.Equal(JUnitReporter.Render(result), await File.ReadAllTextAsync(Path.Combine(directory, "junit.xml")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

public class ConsoleReporterTests
{
    [Fact]
    public async Task Rich_mode_draws_table()
    {
        var (result, _) = await FakeRun.RunAsync();
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, rich: true);

        await reporter.OnEventAsync(new Harness.Running.RunFinished(result), CancellationToken.None);

        var text = output.ToString();
        Assert.Contains("Scenario time", text, StringComparison.Ordinal);
        Assert.Contains("Presence table", text, StringComparison.Ordinal);
        Assert.Contains("expected: teams=Available cloudLink=Busy", text, StringComparison.Ordinal);
        Assert.Contains("Exit code 3: harness or environment error.", text, StringComparison.Ordinal);
    }
}
