namespace PbxLab.Harness.Scenarios;

/// <summary>A validation error in a scenario file, printed as file:line:column: message.</summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>The outcome of loading one scenario file: the scenario when valid, otherwise every error found.</summary>
public sealed record ScenarioLoadResult(string File, ScenarioDefinition? Scenario, IReadOnlyList<ScenarioError> Errors)
{
    public bool IsValid => Scenario is not null && Errors.Count == 0;
}
