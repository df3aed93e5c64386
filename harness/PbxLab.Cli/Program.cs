using Microsoft.Extensions.Logging;
using PbxLab.Cli;

using var loggerFactory = LoggerFactory.Create(logging => logging
    .SetMinimumLevel(LogLevel.Warning)
    .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
var rich = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
var options = new CliOptions(TimeProvider.System, rich, loggerFactory);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};

return await PbxLabCli.RunAsync(args, new UnwiredWorldFactory(), Console.Out, Console.Error, options, cancellation.Token);
