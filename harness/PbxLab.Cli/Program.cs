using Microsoft.Extensions.Logging;
using PbxLab.Cli;
using PbxLab.Harness.World;

// Servers log what they do at Information; scenario runs only warnings, because their report is the
// console table. PBXLAB_LOG_LEVEL (Trace, Debug, Information, Warning, Error) overrides both.
var runsServer = args.Length > 0 && args[0] is "sim" or "gateway";
var level = runsServer ? LogLevel.Information : LogLevel.Warning;
if (Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("PBXLAB_LOG_LEVEL"), ignoreCase: true, out var configured))
{
    level = configured;
}

using var loggerFactory = LoggerFactory.Create(logging =>
{
    logging.SetMinimumLevel(level);
    logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

    // ASP.NET Core's start-up lines (content root, environment) say nothing about PbxLab's servers.
    logging.AddFilter("Microsoft", LogLevel.Warning);

    // A server that cannot bind its port says so in one line; the host's own report of it is a stack trace.
    logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    if (!runsServer)
    {
        // In a scenario run the simulators' warnings (a 404 they return, a client they drop) are part
        // of what the scenario does. The report's trail shows them, so the console stays readable.
        logging.AddFilter("PbxLab.Simulators", LogLevel.Error);
    }
});
var rich = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
var options = new CliOptions(TimeProvider.System, rich, loggerFactory);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};

var worldFactory = new SimulatedWorldFactory(loggerFactory);
return await PbxLabCli.RunAsync(args, worldFactory, Console.Out, Console.Error, options, cancellation.Token);
