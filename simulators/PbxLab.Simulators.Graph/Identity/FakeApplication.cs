namespace PbxLab.Simulators.Graph.Identity;

/// <summary>
/// A client secret of an app registration. Entra gives every secret an expiry.
/// </summary>
public sealed record FakeClientSecret(string Value, DateTimeOffset ExpiresAt);

/// <summary>
/// An app registration of the fake tenant: its client id, its secrets and the Graph application
/// permissions (app roles) an administrator consented to, such as Presence.ReadWrite.All.
/// </summary>
public sealed record FakeApplication
{
    public required string ClientId { get; init; }

    public string DisplayName { get; init; } = "PbxLab client";

    public IReadOnlyList<FakeClientSecret> Secrets { get; init; } = [];

    /// <summary>Consented app roles; only these appear in the roles claim of the application's tokens.</summary>
    public IReadOnlyList<string> ConsentedRoles { get; init; } = [];
}
