using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Cli;

/// <summary>Stands in for the world factory until the simulators and the core are wired into the CLI.</summary>
internal sealed class UnwiredWorldFactory : IScenarioWorldFactory
{
    public Task<IScenarioWorld> CreateAsync(ScenarioDefinition scenario, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the scenario world is not wired into this build of pbxlab yet, so scenarios can be validated but not run.");
}
