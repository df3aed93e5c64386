using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PbxLab.Simulators.Pbx.Control;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Pbx;

/// <summary>Runs one PBX simulator with its HTTP control API until cancelled, for external CSTA clients.</summary>
public static partial class PbxStandalone
{
    /// <summary>First directory number of the devices created at start.</summary>
    public const int FirstDirectoryNumber = 200;

    /// <summary>Exit code for options that fail validation.</summary>
    public const int InvalidOptionsExitCode = 2;

    /// <summary>Exit code when a port cannot be bound: an environment error, as pbxlab's other commands count it.</summary>
    public const int StartFailedExitCode = 3;

    /// <summary>Validates the options, starts the servers, prints where they listen and runs until cancelled. Returns the exit code.</summary>
    public static async Task<int> RunAsync(PbxStandaloneOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var output = options.Output ?? Console.Out;

        var errors = Validate(options, out var profile);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await output.WriteLineAsync(error);
            }

            return InvalidOptionsExitCode;
        }

        var logger = loggerFactory.CreateLogger(typeof(PbxStandalone));
        var simulatorOptions = new PbxSimulatorOptions
        {
            Profile = profile!,
            Bind = options.Bind,
            Port = options.Port ?? profile!.DefaultPort,
            MonitorLicences = options.Licences,
        };

        PbxSimulator simulator;
        try
        {
            simulator = await PbxSimulator.StartAsync(simulatorOptions, TimeProvider.System, loggerFactory, cancellationToken);
        }
        catch (Exception exception) when (exception is SocketException || exception.InnerException is SocketException)
        {
            await output.WriteLineAsync($"The CSTA server could not listen on {options.Bind}:{simulatorOptions.Port}: {exception.Message.TrimEnd('.')}. Use another --port.");
            return StartFailedExitCode;
        }

        await using (simulator)
        {
            for (var i = 0; i < options.Devices; i++)
            {
                var dn = (FirstDirectoryNumber + i).ToString(CultureInfo.InvariantCulture);
                var (owner, displayName) = DeviceOwner(i);
                simulator.AddDevice(dn, owner, displayName);
            }

            PbxControlEndpoint control;
            try
            {
                control = await PbxControlEndpoint.StartAsync(simulator, options.Bind, options.ControlPort, loggerFactory, cancellationToken);
            }
            catch (IOException exception)
            {
                await output.WriteLineAsync($"The control API could not listen on {options.Bind}:{options.ControlPort}: {exception.Message.TrimEnd('.')}. Use another --control-port.");
                return StartFailedExitCode;
            }

            await using (control)
            {
                await output.WriteLineAsync(
                    $"PBX simulator {profile!.Name} ({profile.DisplayName}): CSTA ECMA-323 {profile.CstaEdition.ToString().ToLowerInvariant()} " +
                    $"on {options.Bind}:{simulator.Port}, {options.Devices} devices, {simulator.Licences} monitor licences");
                await output.WriteLineAsync($"Control API on {control.Url}");
                await output.FlushAsync(CancellationToken.None);
                Log.Running(logger, profile.Name, simulator.Port, control.Url);

                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Log.Stopping(logger, profile.Name);
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// Returns the owner of the device at <paramref name="index"/> (0-based): user1@contoso.com "User 1" for the first
    /// device, and so on. These are the users that <c>pbxlab sim graph</c> generates, so a core run against both finds
    /// each device's owner in Entra.
    /// </summary>
    public static (string Owner, string DisplayName) DeviceOwner(int index)
    {
        var number = (index + 1).ToString(CultureInfo.InvariantCulture);
        return ($"user{number}@contoso.com", $"User {number}");
    }

    /// <summary>Returns every problem with the options, each naming the value and what to use instead.</summary>
    public static IReadOnlyList<string> Validate(PbxStandaloneOptions options, out PbxProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (!PbxProfiles.TryGet(options.Profile ?? "", out profile))
        {
            var known = string.Join(", ", PbxProfiles.All.Select(p => p.Name));
            errors.Add($"Profile '{options.Profile}' is unknown. Use one of: {known}.");
        }

        if (options.Devices < 0)
        {
            errors.Add($"Device count {options.Devices} is invalid. Use 0 or more.");
        }
        else if (profile is not null && options.Devices > profile.MaxDevices)
        {
            errors.Add($"Device count {options.Devices} exceeds the {profile.MaxDevices} devices profile {profile.Name} allows. Use at most {profile.MaxDevices}.");
        }

        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"CSTA port {options.Port} is invalid. Use 0 (ephemeral) to 65535.");
        }

        if (options.ControlPort is < 0 or > 65535)
        {
            errors.Add($"Control port {options.ControlPort} is invalid. Use 0 (ephemeral) to 65535.");
        }

        if (options.Licences < 0)
        {
            errors.Add($"Licence count {options.Licences} is invalid. Use 0 or more.");
        }

        if (!IPAddress.TryParse(options.Bind, out _))
        {
            errors.Add($"Bind address '{options.Bind}' is invalid. Use an IP address such as 127.0.0.1.");
        }

        return errors;
    }

    // Event ids 2300-2399: the standalone runner.
    private static partial class Log
    {
        [LoggerMessage(2300, LogLevel.Information, "PBX simulator {Profile} running: CSTA port {Port}, control API {ControlUrl}")]
        public static partial void Running(ILogger logger, string profile, int port, Uri controlUrl);

        [LoggerMessage(2301, LogLevel.Information, "PBX simulator {Profile} stopping")]
        public static partial void Stopping(ILogger logger, string profile);
    }
}
