using PbxLab.Core.Diagnostics;

namespace PbxLab.Harness.World;

internal sealed partial class SimulatedWorld
{
    /// <summary>
    /// Waits until the core's first directory load has ended and every user is settled on both
    /// sides: matched in Entra or reported as not matched, and monitored or reported as refused. Times out as an environment error, because
    /// a scenario cannot be judged on a core that never came up.
    /// </summary>
    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();

        while (true)
        {
            await SettleAsync(cancellationToken).ConfigureAwait(false);

            var waitingFor = DescribeUnreadyUsers();
            if (waitingFor.Count == 0)
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(started) > WorldSettling.StartupTimeout)
            {
                throw new TimeoutException(
                    $"The core did not finish starting within {WorldSettling.StartupTimeout.TotalSeconds:0} s (real time): " +
                    string.Join("; ", waitingFor) + ". Check the log output above for the link and Graph errors.");
            }
        }
    }

    private List<string> DescribeUnreadyUsers()
    {
        var gateway = _components.Gateway!;
        var diagnostics = gateway.Diagnostics.Entries;
        var unready = new List<string>();

        // Calls placed before the directory is loaded would be recorded without names.
        if (!gateway.DirectoryLoadFinished)
        {
            unready.Add("the directory of Entra users and Outlook contacts is not loaded yet");
        }

        foreach (var status in gateway.Users)
        {
            var reported = diagnostics
                .Where(entry => string.Equals(entry.Email, status.Email, StringComparison.OrdinalIgnoreCase))
                .Select(entry => entry.Kind)
                .ToHashSet();

            var matchSettled = status.MatchedId is not null
                || reported.Contains(DiagnosticKind.UserNotMatched)
                || reported.Contains(DiagnosticKind.UserMatchedTwice)
                || reported.Contains(DiagnosticKind.TokenRejected)
                || reported.Contains(DiagnosticKind.GraphForbidden);

            var monitorSettled = status.Monitored
                || !status.WithinRoleLimit
                || reported.Contains(DiagnosticKind.UserWithoutRole)
                || reported.Contains(DiagnosticKind.MonitorRefused);

            if (!matchSettled)
            {
                unready.Add($"{status.Email} is not matched in Entra yet");
            }

            if (!monitorSettled)
            {
                unready.Add($"{status.Email} has no monitor on device {status.Device} yet");
            }
        }

        return unready;
    }
}
