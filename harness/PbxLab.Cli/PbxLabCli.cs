using System.CommandLine;
using Microsoft.Extensions.Logging;
using PbxLab.Harness.Reporting;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Cli;

/// <summary>
/// The pbxlab command line. The world factory is injected so that the host decides how components start;
/// further verbs can be added to the root command that <see cref="Build"/> returns.
/// </summary>
public static class PbxLabCli
{
    public const string DefaultReportDirectory = "reports";

    private const string ExitCodeHelp =
        "Exit codes: 0 every expectation held; 1 an expectation or a step failed; 2 invalid scenario or arguments (nothing was started); "
        + "3 harness or environment error (a component could not start).";

    /// <summary>Builds the root command with the run, validate, sim and gateway verbs.</summary>
    public static RootCommand Build(IScenarioWorldFactory worldFactory, TextWriter output, TextWriter error, CliOptions? options = null)
    {
        var settings = options ?? CliOptions.Plain;
        var root = new RootCommand($"PbxLab: PBX protocol simulator and presence integration test harness. {ExitCodeHelp}");
        root.Subcommands.Add(BuildRun(worldFactory, output, error, settings));
        root.Subcommands.Add(BuildValidate(output, error));
        root.Subcommands.Add(ServerCommands.BuildSim(output, settings));
        root.Subcommands.Add(ServerCommands.BuildGateway(error, settings));
        return root;
    }

    /// <summary>
    /// Parses and runs the command line and returns the exit code. Invalid arguments return 2; an
    /// unexpected exception or a cancelled run is printed and returns 3.
    /// </summary>
    /// <summary>
    /// For a mistyped command ('pbxlab runn'), one line naming it with the closest command and the
    /// list of commands; System.CommandLine would report a missing command and each leftover token.
    /// </summary>
    private static string? UnknownCommandMessage(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var subcommands = command.Subcommands.Select(subcommand => subcommand.Name).ToList();
        if (subcommands.Count == 0 || parseResult.UnmatchedTokens.Count == 0 || parseResult.UnmatchedTokens[0].StartsWith('-'))
        {
            return null;
        }

        var typed = parseResult.UnmatchedTokens[0];
        var suggestion = ScenarioText.ClosestMatch(typed, subcommands);
        var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        var prefix = command.Parents.Any() ? $"{command.Name} " : "";
        return $"unknown command '{prefix}{typed}'.{hint} Commands: {string.Join(", ", subcommands)}.";
    }

    public static async Task<int> RunAsync(
        string[] args, IScenarioWorldFactory worldFactory, TextWriter output, TextWriter error, CliOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var root = Build(worldFactory, output, error, options);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            if (UnknownCommandMessage(parseResult) is { } unknownCommand)
            {
                await error.WriteLineAsync($"pbxlab: {unknownCommand}");
                await error.WriteLineAsync("Run 'pbxlab --help' for usage.");
                return ExitCodes.InvalidInput;
            }

            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"pbxlab: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'pbxlab --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("pbxlab: the run was cancelled before it finished, so no reports were written.");
            return ExitCodes.HarnessError;
        }
        catch (Exception exception)
        {
            await error.WriteLineAsync($"pbxlab: internal error: {exception}");
            return ExitCodes.HarnessError;
        }
    }

    private static Command BuildRun(IScenarioWorldFactory worldFactory, TextWriter output, TextWriter error, CliOptions options)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Scenario files or folders; folders are searched recursively for *.yaml and *.yml files, in sorted order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var reportDirectory = new Option<string>("--report-dir")
        {
            Description = "Folder for report.json and junit.xml; created when missing.",
            DefaultValueFactory = _ => DefaultReportDirectory,
        };
        var command = new Command("run", $"Validate the scenarios, then run every case, each in a fresh world. {ExitCodeHelp}") { paths, reportDirectory };
        command.SetAction((parseResult, cancellationToken) => RunScenariosAsync(
            parseResult.GetValue(paths)!, parseResult.GetValue(reportDirectory)!, worldFactory, output, error, options, cancellationToken));
        return command;
    }

    private static Command BuildValidate(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Scenario files or folders; folders are searched recursively for *.yaml and *.yml files, in sorted order.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Validate scenario files without starting anything. Exit codes: 0 all valid; 2 an error was found.") { paths };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (results, exitCode) = await LoadAsync(parseResult.GetValue(paths)!, error);
            foreach (var result in results)
            {
                if (result.IsValid)
                {
                    await output.WriteLineAsync($"OK  {result.File} ({ReportText.Count(result.Scenario!.Cases.Count, "case")})");
                    continue;
                }

                foreach (var validationError in result.Errors)
                {
                    await output.WriteLineAsync(validationError.ToString());
                }
            }

            return exitCode;
        });
        return command;
    }

    private static async Task<int> RunScenariosAsync(
        string[] paths, string reportDirectory, IScenarioWorldFactory worldFactory, TextWriter output, TextWriter error, CliOptions options,
        CancellationToken cancellationToken)
    {
        var (results, exitCode) = await LoadAsync(paths, error);
        if (exitCode != ExitCodes.Passed)
        {
            foreach (var validationError in results.SelectMany(result => result.Errors))
            {
                await error.WriteLineAsync(validationError.ToString());
            }

            await error.WriteLineAsync("pbxlab: nothing was run. Fix the errors above; 'pbxlab validate' checks scenario files alone.");
            return exitCode;
        }

        var sinks = new IRunEventSink[]
        {
            new ConsoleReporter(output, options.RichConsole),
            new JsonReporter(reportDirectory),
            new JUnitReporter(reportDirectory),
        };
        var runner = new ScenarioRunner(worldFactory, sinks, options.TimeProvider, options.LoggerFactory.CreateLogger<ScenarioRunner>());
        var run = await runner.RunAsync(results.Select(result => result.Scenario!).ToList(), cancellationToken);
        await output.WriteLineAsync($"Reports: {Path.Combine(reportDirectory, JsonReporter.FileName)}, {Path.Combine(reportDirectory, JUnitReporter.FileName)}");
        return run.ExitCode;
    }

    /// <summary>Resolves the paths and loads every file; the exit code is 2 when a path or a file is invalid.</summary>
    private static async Task<(IReadOnlyList<ScenarioLoadResult> Results, int ExitCode)> LoadAsync(string[] paths, TextWriter error)
    {
        // An unknown option lands among the paths because the paths argument takes any token.
        var options = paths.Where(path => path.StartsWith('-') && !File.Exists(path) && !Directory.Exists(path)).ToList();
        foreach (var option in options)
        {
            await error.WriteLineAsync($"pbxlab: unknown option '{option}'. Run 'pbxlab --help' for the options of each command.");
        }

        if (options.Count > 0)
        {
            return ([], ExitCodes.InvalidInput);
        }

        var files = ScenarioFiles.Resolve(paths);
        foreach (var pathError in files.Errors)
        {
            await error.WriteLineAsync($"pbxlab: {pathError}");
        }

        var results = files.Files.Select(ScenarioLoader.LoadFile).ToList();
        var valid = files.Errors.Count == 0 && results.All(result => result.IsValid);
        return (results, valid ? ExitCodes.Passed : ExitCodes.InvalidInput);
    }
}
