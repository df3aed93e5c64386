using Microsoft.Extensions.Logging;
using PbxLab.Core.Configuration;
using PbxLab.Core.Links;

namespace PbxLab.Core.Gateway;

/// <summary>Runs the gateway as a standalone service from a configuration file until cancelled.</summary>
public static class GatewayStandalone
{
    public const int ExitOk = 0;

    /// <summary>Exit code for a configuration file that is missing, unreadable or invalid.</summary>
    public const int ExitInvalidConfiguration = 2;

    /// <summary>Runs the gateway as <see cref="RunAsync(string, ILoggerFactory, Func{PbxLinkOptions, IPbxLinkSink, IPbxLink}, TextWriter, CancellationToken)"/> does, listing configuration errors on standard error.</summary>
    public static Task<int> RunAsync(
        string configPath,
        ILoggerFactory loggerFactory,
        Func<PbxLinkOptions, IPbxLinkSink, IPbxLink> linkFactory,
        CancellationToken cancellationToken) =>
        RunAsync(configPath, loggerFactory, linkFactory, Console.Error, cancellationToken);

    /// <summary>
    /// Loads and validates the configuration, starts the gateway on the system clock and runs it until
    /// <paramref name="cancellationToken"/> is cancelled. Returns <see cref="ExitInvalidConfiguration"/>
    /// after listing every configuration error on <paramref name="errorOutput"/> and logging their count, or
    /// <see cref="ExitOk"/> after a clean shutdown.
    /// </summary>
    public static async Task<int> RunAsync(
        string configPath,
        ILoggerFactory loggerFactory,
        Func<PbxLinkOptions, IPbxLinkSink, IPbxLink> linkFactory,
        TextWriter errorOutput,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configPath);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(linkFactory);
        ArgumentNullException.ThrowIfNull(errorOutput);

        var logger = loggerFactory.CreateLogger(typeof(GatewayStandalone));
        var result = GatewayOptionsLoader.LoadFile(configPath);
        if (!result.IsValid)
        {
            await errorOutput.WriteLineAsync($"Configuration {configPath} has {result.Errors.Count} error(s):");
            foreach (var error in result.Errors)
            {
                await errorOutput.WriteLineAsync("  " + error);
            }

            GatewayLog.ConfigurationInvalid(logger, configPath, result.Errors.Count);

            return ExitInvalidConfiguration;
        }

        var host = await GatewayHost.StartAsync(result.Options!, TimeProvider.System, loggerFactory, linkFactory, cancellationToken: cancellationToken);
        await using (host)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Cancellation is the normal way to stop the service.
            }
        }

        GatewayLog.StandaloneStopped(logger, configPath);
        return ExitOk;
    }
}
