using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PbxLab.Cli;
using PbxLab.Harness.World;

namespace PbxLab.Harness.Tests.EndToEnd;

/// <summary>
/// Runs scenario files through the CLI entry point against the real parts: the PBX simulator over
/// CSTA/TCP, the fake Graph over HTTP and the core gateway between them, all on loopback.
/// </summary>
public sealed class EndToEndRunTests : IDisposable
{
    private readonly string _workFolder = Directory.CreateTempSubdirectory("pbxlab-e2e-").FullName;

    public void Dispose() => Directory.Delete(_workFolder, recursive: true);

    [Fact]
    public async Task Bundled_scenarios_all_pass()
    {
        var reportFolder = Path.Combine(_workFolder, "reports");

        var (exitCode, output, error) = await RunAsync("run", RepositoryFolder.Scenarios, "--report-dir", reportFolder);

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{output}\n{error}");
        for (var row = 1; row <= 15; row++)
        {
            Assert.Contains($"PASS  MiVoice Office 400 presence table / row {row}:", output, StringComparison.Ordinal);
        }

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reportFolder, "report.json")));
        var outcomes = report.RootElement.GetProperty("scenarios").EnumerateArray()
            .SelectMany(scenario => scenario.GetProperty("cases").EnumerateArray())
            .Select(item => item.GetProperty("outcome").GetString())
            .ToList();
        Assert.True(outcomes.Count >= 58, $"only {outcomes.Count} cases ran");
        Assert.All(outcomes, outcome => Assert.Equal("passed", outcome));
        Assert.True(File.Exists(Path.Combine(reportFolder, "junit.xml")));

        var scenarioNames = report.RootElement.GetProperty("scenarios").EnumerateArray()
            .Select(scenario => scenario.GetProperty("name").GetString())
            .ToList();
        Assert.Contains("Every stored number format names the same caller", scenarioNames);
        Assert.Contains("A core restart in the middle of calls loses nothing and counts nothing twice", scenarioNames);
        Assert.Equal(5, scenarioNames.Count(name => name!.StartsWith("Numbers written in the national habits of", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Wrong_history_expectation_fails_and_names_the_record()
    {
        // David's Entra mobile phone names his call. Claiming another name must fail that
        // expectation and show what the core stored.
        var text = await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Scenarios, "call-history", "external-calls.yaml"));
        const string named = "name: David Field, nameSource: directory";
        Assert.Contains(named, text, StringComparison.Ordinal);
        var broken = Path.Combine(_workFolder, "wrong-name.yaml");
        await File.WriteAllTextAsync(broken, text.Replace(named, "name: Someone Else, nameSource: directory", StringComparison.Ordinal));

        var (exitCode, output, _) = await RunAsync("run", broken, "--report-dir", Path.Combine(_workFolder, "reports"));

        Assert.Equal(1, exitCode);
        Assert.Contains("record 3 name was David Field, expected Someone Else", output, StringComparison.Ordinal);
        Assert.Contains("observed: 1: outgoing answered number 00123456789 e164 +33123456789 name Bernard Client", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_expected_value_fails_and_names_row()
    {
        // Row 6 of the vendor's table: phone Busy, Teams client Offline, others see Busy. Claiming
        // Available instead must fail that row alone and leave the other fourteen passing.
        var table = await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Scenarios, "presence", "mivo400-presence-table.yaml"));
        const string row6 = "- [busy,      Available, Busy,      offline,    Busy]";
        Assert.Contains(row6, table, StringComparison.Ordinal);
        var broken = Path.Combine(_workFolder, "wrong-row.yaml");
        await File.WriteAllTextAsync(broken, table.Replace(row6, "- [busy,      Available, Busy,      offline,    Available]", StringComparison.Ordinal));
        var reportFolder = Path.Combine(_workFolder, "reports");

        var (exitCode, output, _) = await RunAsync("run", broken, "--report-dir", reportFolder);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL  MiVoice Office 400 presence table / row 6:", output, StringComparison.Ordinal);
        Assert.Contains("expected: teams=Available", output, StringComparison.Ordinal);
        Assert.Contains("observed: teams=Busy", output, StringComparison.Ordinal);
        Assert.Contains("14 passed, 1 failed", output, StringComparison.Ordinal);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reportFolder, "report.json")));
        var failed = report.RootElement.GetProperty("scenarios")[0].GetProperty("cases").EnumerateArray()
            .Where(item => item.GetProperty("outcome").GetString() == "failed")
            .Select(item => item.GetProperty("name").GetString())
            .ToList();
        var name = Assert.Single(failed);
        Assert.StartsWith("row 6:", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Core_diagnostics_reach_the_report()
    {
        var reportFolder = Path.Combine(_workFolder, "reports");

        var (exitCode, output, _) = await RunAsync("run", Path.Combine(RepositoryFolder.Scenarios, "diagnostics"), "--report-dir", reportFolder);

        Assert.Equal(0, exitCode);
        Assert.Contains("UserNotMatched carol@contoso.com: carol@contoso.com is not matched in Entra", output, StringComparison.Ordinal);
        Assert.Contains("UserWithoutRole dave@contoso.com:", output, StringComparison.Ordinal);
        Assert.Contains("overallMonitorLimitExceeded", output, StringComparison.Ordinal);

        var json = await File.ReadAllTextAsync(Path.Combine(reportFolder, "report.json"));
        Assert.Contains("UserWithoutRole dave@contoso.com", json, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var factory = new SimulatedWorldFactory(NullLoggerFactory.Instance);

        var exitCode = await PbxLabCli.RunAsync(args, factory, output, error);

        return (exitCode, output.ToString(), error.ToString());
    }
}
