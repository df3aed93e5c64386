using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.World;

/// <summary>
/// Starts a <see cref="SimulatedWorld"/> per case: the PBX simulator, the fake Graph and the real
/// core gateway in this process, on loopback with ephemeral ports.
/// </summary>
public sealed class SimulatedWorldFactory(ILoggerFactory loggerFactory) : IScenarioWorldFactory
{
    // One token signing key for every world of a run: generating a 2048-bit RSA key per case costs
    // up to seconds on a loaded machine, and worlds never share tokens because each has its own secret.
    private readonly Lazy<RSA> _signingKey = new(() => RSA.Create(2048));

    public async Task<IScenarioWorld> CreateAsync(ScenarioDefinition scenario, CancellationToken cancellationToken) =>
        await SimulatedWorld.StartAsync(scenario, _signingKey.Value, loggerFactory, cancellationToken).ConfigureAwait(false);
}
