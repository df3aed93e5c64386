namespace PbxLab.Simulators.Graph.Directory;

/// <summary>
/// A user of the fake Entra directory, with the Graph user properties the simulator serves.
/// </summary>
public sealed record FakeUser
{
    /// <summary>Object id, a GUID in Entra.</summary>
    public required string Id { get; init; }

    public required string UserPrincipalName { get; init; }

    public string? Mail { get; init; }

    public string? DisplayName { get; init; }

    public string? GivenName { get; init; }

    public string? Surname { get; init; }

    public string? JobTitle { get; init; }

    public string? OfficeLocation { get; init; }

    public string? PreferredLanguage { get; init; }

    /// <summary>Business phones; Graph allows at most one number in this collection.</summary>
    public IReadOnlyList<string> BusinessPhones { get; init; } = [];

    public string? MobilePhone { get; init; }
}
