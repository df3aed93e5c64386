using PbxLab.Core.Numbers;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Configuration;

/// <summary>
/// Configuration of the gateway: the Entra app it signs in as, where Graph and the PBXs are, and
/// which users it syncs. Load it with <see cref="GatewayOptionsLoader"/> and check it with
/// <see cref="GatewayOptionsValidator"/>. A class rather than a record so that no generated
/// ToString can print <see cref="ClientSecret"/>.
/// </summary>
public sealed class GatewayOptions
{
    public const string DefaultTokenBaseUrl = "https://login.microsoftonline.com";

    public const string DefaultGraphBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>Environment variable that supplies the client secret; it wins over the file's value.</summary>
    public const string ClientSecretVariable = "PBXLAB_CLIENT_SECRET";

    /// <summary>Entra tenant: a GUID or a verified domain name.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>Application (client) id of the app registration; also the sessionId of presence writes.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>The client secret value (not its id). Never logged.</summary>
    public string ClientSecret { get; init; } = "";

    public string TokenBaseUrl { get; init; } = DefaultTokenBaseUrl;

    /// <summary>Graph root including the version segment, without a trailing slash.</summary>
    public string GraphBaseUrl { get; init; } = DefaultGraphBaseUrl;

    public PresenceOptions Presence { get; init; } = new();

    /// <summary>How long the gateway waits before it looks up unmatched users in Entra again.</summary>
    public TimeSpan UserMatchRetryInterval { get; init; } = TimeSpan.FromMinutes(15);

    public IReadOnlyList<PbxLinkConfiguration> PbxLinks { get; init; } = [];

    public IReadOnlyList<GatewayUserConfiguration> Users { get; init; } = [];

    public HistoryStoreOptions History { get; init; } = new();

    public ApiOptions Api { get; init; } = new();

    /// <summary>The Entra v2.0 token endpoint: {tokenBaseUrl}/{tenantId}/oauth2/v2.0/token.</summary>
    public Uri TokenUrl => new($"{TokenBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(TenantId)}/oauth2/v2.0/token");
}

/// <summary>How the gateway writes presence sessions.</summary>
public sealed record PresenceOptions
{
    /// <summary>expirationDuration of every setPresence; Graph accepts PT5M to PT4H.</summary>
    public TimeSpan SessionExpiration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long before a session expires the gateway writes it again.</summary>
    public TimeSpan RefreshBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>CloudLink presence of MiVoice Office 400 user presence "Not available".</summary>
    public CloudLinkPresence NotAvailableMapsTo { get; init; } = PresenceRules.DefaultNotAvailableMapping;
}

/// <summary>One PBX the gateway connects to as a CSTA client.</summary>
/// <param name="Profile">One of the names in <see cref="PbxProfile.Known"/>.</param>
public sealed record PbxLinkConfiguration(string Name, string Host, int Port, string Profile)
{
    /// <summary>
    /// Region and prefixes with which numbers from this PBX are read, for a site whose country or
    /// dialling habits differ from the profile's; null for the profile's default
    /// (<see cref="Numbers.DialPlan.DefaultFor"/>).
    /// </summary>
    public DialPlan? DialPlan { get; init; }
}

/// <summary>One CloudLink user: the email that must match Entra and the PBX device to monitor.</summary>
/// <param name="Pbx">Name of the entry in <see cref="GatewayOptions.PbxLinks"/> the device is on.</param>
public sealed record GatewayUserConfiguration(string Email, string Device, string Pbx);
