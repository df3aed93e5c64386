namespace PbxLab.Harness.Scenarios;

/// <summary>
/// One validated scenario file: the world it needs (PBX, fake Graph, core settings and users) and its
/// cases, with table rows already expanded.
/// </summary>
public sealed record ScenarioDefinition(
    string Name,
    string? Description,
    string SourceFile,
    PbxSettings Pbx,
    GraphSettings Graph,
    CoreSettings Core,
    IReadOnlyList<UserDefinition> Users,
    IReadOnlyList<ScenarioStep> Setup,
    IReadOnlyList<ScenarioCase> Cases,
    IReadOnlyList<string> TableColumns)
{
    /// <summary>Entra people without a PBX device, a generated directory and an imported directory file.</summary>
    public DirectoryDefinition Directory { get; init; } = DirectoryDefinition.Empty;

    /// <summary>Whether the cases come from the rows of a table.</summary>
    public bool IsTable => TableColumns.Count > 0;

    /// <summary>Returns the user declared under that name, or null.</summary>
    public UserDefinition? FindUser(string name) =>
        Users.FirstOrDefault(user => string.Equals(user.Name, name, StringComparison.Ordinal));
}

/// <summary>
/// PBX settings of a scenario; licences is the number of CSTA-session licences, null for the profile
/// default. Region moves the site to another country (its dial plan and the core's); Presentation
/// is how the PBX shows an external caller's number. Null values leave the profile's.
/// </summary>
public sealed record PbxSettings(string Profile, int? Licences)
{
    /// <summary>Regions with a built-in dial plan.</summary>
    public static readonly IReadOnlyList<string> KnownRegions = ["FR", "CH", "DE", "SE", "GB", "US"];

    public string? Region { get; init; }

    public CallerNumberPresentation? Presentation { get; init; }

    public const string DefaultProfile = "mivo400";

    /// <summary>Profiles the PBX simulator emulates.</summary>
    public static readonly IReadOnlyList<string> KnownProfiles = [.. PbxLab.Simulators.Pbx.Profiles.PbxProfiles.All.Select(profile => profile.Name)];

    public static PbxSettings Default { get; } = new(DefaultProfile, null);
}

/// <summary>Fake Graph settings; TeamsClientLag is how long the Teams UI trails Graph.</summary>
public sealed record GraphSettings(TimeSpan TeamsClientLag)
{
    public static GraphSettings Default { get; } = new(TimeSpan.Zero);
}

/// <summary>
/// Core settings: the app session's expirationDuration, how long before expiry it is refreshed and
/// what PBX user presence Not available maps to. Null values leave the core's defaults.
/// </summary>
public sealed record CoreSettings(TimeSpan? SessionExpiration, TimeSpan? RefreshBefore, CloudLinkPresence? NotAvailableMapsTo)
{
    public static CoreSettings Default { get; } = new(null, null, null);
}

/// <summary>
/// A CloudLink user with a PBX device and, when InEntra, an Entra user whose UPN is the email, with
/// a display name (the name when left out), business and mobile phones, and Outlook contacts.
/// </summary>
public sealed record UserDefinition(string Name, string Email, string Device, bool CloudLinkRole, bool InEntra)
{
    public string? DisplayName { get; init; }

    public IReadOnlyList<string> BusinessPhones { get; init; } = [];

    public string? MobilePhone { get; init; }

    public IReadOnlyList<ContactDefinition> Contacts { get; init; } = [];
}

/// <summary>How the PBX shows an external caller's number to its devices.</summary>
public enum CallerNumberPresentation
{
    /// <summary>As a user would dial it back, with the trunk access code ("00123456789" in France).</summary>
    WithTrunkAccessCode,

    /// <summary>National or international form without the trunk access code ("0123456789").</summary>
    National,

    /// <summary>E.164 as the network delivered it ("+33123456789").</summary>
    E164,
}

/// <summary>
/// One run of the scenario in a fresh world. A plain scenario has one case; a table has one per row,
/// and Row holds that row's cells by column, in column order.
/// </summary>
public sealed record ScenarioCase(
    string Name,
    int RowNumber,
    IReadOnlyList<KeyValuePair<string, string>> Row,
    IReadOnlyList<ScenarioStep> Steps,
    SourceLocation Location);

/// <summary>A position in a scenario file; line and column start at 1.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
