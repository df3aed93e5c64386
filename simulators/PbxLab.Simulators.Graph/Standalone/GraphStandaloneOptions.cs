using System.Net;

namespace PbxLab.Simulators.Graph.Standalone;

/// <summary>
/// Settings of a standalone fake Graph (the "pbxlab sim graph" verb).
/// </summary>
public sealed record GraphStandaloneOptions
{
    /// <summary>TCP port; 0 lets the system pick one, printed at start.</summary>
    public int Port { get; init; }

    /// <summary>Address to listen on; loopback by default.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    public string TenantId { get; init; } = "00000000-0000-4000-8000-00000000c0de";

    /// <summary>Client id of the one app registration, consented for Presence.ReadWrite.All, User.Read.All and Contacts.Read.</summary>
    public string ClientId { get; init; } = "00000000-0000-4000-8000-0000000000a1";

    /// <summary>Client secret of that app registration; it expires two years after start.</summary>
    public string ClientSecret { get; init; } = "pbxlab-dev-secret";

    /// <summary>Number of generated users user1@contoso.com, user2@contoso.com and so on.</summary>
    public int Users { get; init; } = 10;

    /// <summary>Teams client lag, as <see cref="FakeGraphOptions.TeamsClientLag"/>.</summary>
    public TimeSpan TeamsClientLag { get; init; } = TimeSpan.Zero;

    /// <summary>Where the start banner goes; standard output when null.</summary>
    public TextWriter? Output { get; init; }
}
