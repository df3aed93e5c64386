namespace PbxLab.Harness.Scenarios;

/// <summary>Stops the core gateway, as a crash or a service restart would. Calls on the PBX go on.</summary>
public sealed record CoreStopStep(SourceLocation Location) : ScenarioStep(Location)
{
    public override string Kind => "coreStop";

    public override string Describe() => "coreStop";
}

/// <summary>Starts the core gateway again with the same configuration and the same call-history database.</summary>
public sealed record CoreStartStep(SourceLocation Location) : ScenarioStep(Location)
{
    public override string Kind => "coreStart";

    public override string Describe() => "coreStart";
}

/// <summary>Stops the core gateway and starts it again at once.</summary>
public sealed record CoreRestartStep(SourceLocation Location) : ScenarioStep(Location)
{
    public override string Kind => "coreRestart";

    public override string Describe() => "coreRestart";
}
