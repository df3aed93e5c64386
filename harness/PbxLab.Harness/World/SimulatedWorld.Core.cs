using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.Configuration;
using PbxLab.Core.Gateway;
using PbxLab.Core.Links;

namespace PbxLab.Harness.World;

// Stopping and starting the core in the middle of a case, as a crash or a service restart would.
// The PBX and the fake Graph keep running; the new core opens the same call-history database.
internal sealed partial class SimulatedWorld
{
    private static Task<GatewayHost> StartGatewayAsync(
        GatewayOptions options, FakeTimeProvider clock, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        GatewayHost.StartAsync(
            options,
            clock,
            loggerFactory,
            (linkOptions, sink) => new CstaPbxLink(linkOptions, sink, clock, loggerFactory),
            httpHandler: null,
            cancellationToken);

    private async Task StopCoreAsync()
    {
        var gateway = _components.Gateway
            ?? throw new InvalidOperationException("The core is already stopped; coreStop needs a running core. Add coreStart before it.");

        _stoppedCoreDiagnostics.AddRange(DescribeDiagnostics(gateway));
        _trail.Detach(gateway);
        _components.Gateway = null;
        await gateway.DisposeAsync().ConfigureAwait(false);

        // The PBX notices the closed socket in its own time; settling lets it clear the monitors.
        await SettleAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        if (_components.Gateway is not null)
        {
            throw new InvalidOperationException("The core is already running; coreStart needs a stopped core. Use coreRestart to restart it.");
        }

        var gateway = await StartGatewayAsync(_gatewayOptions, _clock, _loggerFactory, cancellationToken).ConfigureAwait(false);
        _components.Gateway = gateway;
        _trail.Attach(gateway);
        await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
    }

    private GatewayHost RunningGateway() =>
        _components.Gateway
        ?? throw new InvalidOperationException("The core is stopped (coreStop), so it cannot be observed. Add coreStart before this step.");

    private static IEnumerable<string> DescribeDiagnostics(GatewayHost gateway) =>
        gateway.Diagnostics.Entries.Select(entry =>
            $"{entry.Kind} {entry.Email ?? entry.Link ?? "gateway"}"
            + (entry.Count > 1 ? $" (seen {entry.Count} times)" : "")
            + $": {entry.Reason}");
}
