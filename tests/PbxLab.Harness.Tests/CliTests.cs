using Microsoft.Extensions.Logging;
using PbxLab.Cli;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Tests;

public class CliTests
{
    private static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "TestData");

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(ScriptedWorldFactory factory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await PbxLabCli.RunAsync(args, factory, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private static ScriptedWorldFactory BusyWorlds() =>
        new(_ => new ScriptedWorld((_, user) => ScriptedWorld.Seen("Busy", CloudLinkPresence.Busy)));

    [Theory]
    [InlineData("runn", "pbxlab: unknown command 'runn'. Did you mean 'run'? Commands: run, validate, sim, gateway.")]
    [InlineData("sim pbxx", "pbxlab: unknown command 'sim pbxx'. Did you mean 'pbx'? Commands: pbx, graph.")]
    public async Task Mistyped_command_suggests_the_closest(string typed, string expected)
    {
        var (exitCode, _, error) = await RunAsync(BusyWorlds(), [.. typed.Split(' '), "scenarios"]);

        Assert.Equal(2, exitCode);
        Assert.Equal([expected, "Run 'pbxlab --help' for usage."], error.Trim().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Validate_good_file()
    {
        var file = Path.Combine(TestData, "good-scenario.yaml");

        var (exitCode, output, _) = await RunAsync(BusyWorlds(), "validate", file);

        Assert.Equal(0, exitCode);
        Assert.Equal($"OK  {file} (1 case)", output.Trim());
    }

    [Fact]
    public async Task Validate_broken_file()
    {
        var file = Path.Combine(TestData, "broken-scenario.yaml");

        var (exitCode, output, _) = await RunAsync(BusyWorlds(), "validate", file);

        Assert.Equal(2, exitCode);
        Assert.Contains($"{file}:7:34: steps[0].phone.state: invalid value 'bsy'. Did you mean 'busy'? Allowed values: available, busy.", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:8:21: steps[1].expect.user: unknown user 'carol'.", output, StringComparison.Ordinal);
        Assert.Contains($"{file}:8:49: steps[1].expect.within: invalid duration '5 minutes'.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_folder_checks_every_file()
    {
        var (exitCode, output, _) = await RunAsync(BusyWorlds(), "validate", TestData);

        Assert.Equal(2, exitCode);
        Assert.Contains("good-scenario.yaml (1 case)", output, StringComparison.Ordinal);
        Assert.Contains("broken-scenario.yaml:7:34:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_nonexistent_path()
    {
        var factory = BusyWorlds();

        var (exitCode, _, error) = await RunAsync(factory, "run", "/nonexistent/scenario.yaml");

        Assert.Equal(2, exitCode);
        Assert.Contains("path not found: /nonexistent/scenario.yaml", error, StringComparison.Ordinal);
        Assert.Empty(factory.Requests);
    }

    [Fact]
    public async Task Run_broken_file_starts_nothing()
    {
        var factory = BusyWorlds();

        var (exitCode, _, error) = await RunAsync(factory, "run", Path.Combine(TestData, "good-scenario.yaml"), Path.Combine(TestData, "broken-scenario.yaml"));

        Assert.Equal(2, exitCode);
        Assert.Contains("broken-scenario.yaml:7:34:", error, StringComparison.Ordinal);
        Assert.Empty(factory.Requests);
    }

    [Fact]
    public async Task Run_unknown_option()
    {
        var (exitCode, _, error) = await RunAsync(BusyWorlds(), "run", "--bogus", Path.Combine(TestData, "good-scenario.yaml"));

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown option '--bogus'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sim pbx --port abc", "--port: invalid value 'abc'. Use a whole number from 0 to 65535 (0 picks an ephemeral port).")]
    [InlineData("sim pbx --port 70000", "--port: invalid value '70000'. Use a whole number from 0 to 65535 (0 picks an ephemeral port).")]
    [InlineData("sim pbx --control-port -1", "--control-port: invalid value '-1'. Use a whole number from 0 to 65535 (0 picks an ephemeral port).")]
    [InlineData("sim pbx --devices ten", "--devices: invalid value 'ten'. Use a whole number, 0 or more.")]
    [InlineData("sim pbx --licences 1.5", "--licences: invalid value '1.5'. Use a whole number, 0 or more.")]
    [InlineData("sim graph --port 5O80", "--port: invalid value '5O80'. Use a whole number from 0 to 65535 (0 picks an ephemeral port).")]
    [InlineData("sim graph --users 100001", "--users: invalid value '100001'. Use a whole number from 0 to 100000.")]
    [InlineData("sim graph --teams-lag fast", "--teams-lag: invalid value 'fast'. Use a number of seconds from 0 to 3600, such as 1.5.")]
    [InlineData("sim graph --teams-lag NaN", "--teams-lag: invalid value 'NaN'. Use a number of seconds from 0 to 3600, such as 1.5.")]
    [InlineData("sim graph --teams-lag 1e300", "--teams-lag: invalid value '1e300'. Use a number of seconds from 0 to 3600, such as 1.5.")]
    public async Task Invalid_number_option_named(string commandLine, string message)
    {
        var (exitCode, _, error) = await RunAsync(BusyWorlds(), commandLine.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.Contains($"pbxlab: {message}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_number_options_parse()
    {
        var root = PbxLabCli.Build(BusyWorlds(), TextWriter.Null, TextWriter.Null);

        var pbx = root.Parse("sim pbx --port 7001 --control-port 0 --devices 3 --licences 5");
        var pbxDefaults = root.Parse("sim pbx");
        var graph = root.Parse("sim graph --port 65535 --users 100000 --teams-lag 1.5");

        Assert.Empty(pbx.Errors);
        Assert.Equal(7001, pbx.GetValue<int?>("--port"));
        Assert.Equal(0, pbx.GetValue<int>("--control-port"));
        Assert.Equal(3, pbx.GetValue<int>("--devices"));
        Assert.Equal(5, pbx.GetValue<int?>("--licences"));
        Assert.Empty(pbxDefaults.Errors);
        Assert.Null(pbxDefaults.GetValue<int?>("--port"));
        Assert.Equal(10, pbxDefaults.GetValue<int>("--devices"));
        Assert.Null(pbxDefaults.GetValue<int?>("--licences"));
        Assert.Empty(graph.Errors);
        Assert.Equal(65535, graph.GetValue<int>("--port"));
        Assert.Equal(100000, graph.GetValue<int>("--users"));
        Assert.Equal(1.5, graph.GetValue<double>("--teams-lag"));
    }

    [Fact]
    public async Task Gateway_invalid_config_listed_once()
    {
        var configPath = Path.Combine(Path.GetTempPath(), $"pbxlab-cli-gateway-{Guid.NewGuid():N}.json");
        File.WriteAllText(configPath, """{ "tenantId": "contoso.onmicrosoft.com", "clientId": "x" }""");
        var logs = new StringWriter();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new WriterLoggerProvider(logs)));
        var options = CliOptions.Plain with { LoggerFactory = loggerFactory };

        int exitCode;
        string error;
        try
        {
            var errorWriter = new StringWriter();
            exitCode = await PbxLabCli.RunAsync(["gateway", "--config", configPath], BusyWorlds(), new StringWriter(), errorWriter, options);
            error = errorWriter.ToString();
        }
        finally
        {
            File.Delete(configPath);
        }

        Assert.Equal(2, exitCode);
        Assert.Contains($"Configuration {configPath} has ", error, StringComparison.Ordinal);
        var guidError = "clientId: 'x' is not a GUID";
        Assert.Equal(1, CountOf(error, guidError));
        Assert.Equal(0, CountOf(logs.ToString(), guidError));
        Assert.Contains("the gateway did not start", logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command()
    {
        var (exitCode, _, error) = await RunAsync(BusyWorlds(), "walk");

        Assert.Equal(2, exitCode);
        Assert.Contains("walk", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_passing_scenario_writes_reports()
    {
        var reports = Path.Combine(Path.GetTempPath(), "pbxlab-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, output, _) = await RunAsync(BusyWorlds(), "run", Path.Combine(TestData, "good-scenario.yaml"), "--report-dir", reports);

            Assert.Equal(0, exitCode);
            Assert.Contains("PASS  Good", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(reports, "report.json")));
            Assert.True(File.Exists(Path.Combine(reports, "junit.xml")));
        }
        finally
        {
            if (Directory.Exists(reports))
            {
                Directory.Delete(reports, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Run_failing_expectation_exits_1()
    {
        var reports = Path.Combine(Path.GetTempPath(), "pbxlab-cli-" + Guid.NewGuid().ToString("N"));
        var factory = new ScriptedWorldFactory(_ => new ScriptedWorld((_, _) => ScriptedWorld.Seen("Available")));
        try
        {
            var (exitCode, output, _) = await RunAsync(factory, "run", Path.Combine(TestData, "good-scenario.yaml"), "--report-dir", reports);

            Assert.Equal(1, exitCode);
            Assert.Contains("expected: teams=Busy", output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(reports))
            {
                Directory.Delete(reports, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Run_world_creation_failure_exits_3()
    {
        var reports = Path.Combine(Path.GetTempPath(), "pbxlab-cli-" + Guid.NewGuid().ToString("N"));
        var factory = new ScriptedWorldFactory(_ => throw new InvalidOperationException("the fake Graph could not start"));
        try
        {
            var (exitCode, output, _) = await RunAsync(factory, "run", Path.Combine(TestData, "good-scenario.yaml"), "--report-dir", reports);

            Assert.Equal(3, exitCode);
            Assert.Contains("the world could not be started: the fake Graph could not start", output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(reports))
            {
                Directory.Delete(reports, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Help_lists_exit_codes()
    {
        var (exitCode, output, _) = await RunAsync(BusyWorlds(), "run", "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("Exit codes: 0 every expectation held; 1 an expectation or a step failed; 2 invalid scenario or arguments", output, StringComparison.Ordinal);
        Assert.Contains("--report-dir", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_run_exits_3()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var cancellation = new CancellationTokenSource();
        var factory = new ScriptedWorldFactory(_ =>
        {
            cancellation.Cancel();
            return new ScriptedWorld((_, _) => ScriptedWorld.Seen("Busy"));
        });

        var exitCode = await PbxLabCli.RunAsync(["run", Path.Combine(TestData, "good-scenario.yaml")], factory, output, error, null, cancellation.Token);

        Assert.Equal(3, exitCode);
        Assert.Contains("the run was cancelled", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Writes every log message to one writer, as the console logger writes them to standard error.</summary>
    private sealed class WriterLoggerProvider(TextWriter writer) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new WriterLogger(writer);

        public void Dispose()
        {
        }

        private sealed class WriterLogger(TextWriter writer) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (writer)
                {
                    writer.WriteLine(formatter(state, exception));
                }
            }
        }
    }
}
