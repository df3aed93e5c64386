using System.Globalization;
using PbxLab.Core.Numbers;
using PbxLab.Core.Presence;
using PhoneNumbers;

namespace PbxLab.Core.Configuration;

/// <summary>
/// Checks gateway options before anything starts and returns every error, each naming the key path,
/// the bad value and what to do. The client secret is never part of an error.
/// </summary>
public static class GatewayOptionsValidator
{
    /// <summary>Shortest and longest expirationDuration Graph's setPresence accepts (PT5M..PT4H).</summary>
    public static readonly TimeSpan MinSessionExpiration = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MaxSessionExpiration = TimeSpan.FromHours(4);

    /// <summary>Validates options; paths in <paramref name="alreadyReported"/> (and below them) are skipped.</summary>
    public static IReadOnlyList<ConfigurationError> Validate(GatewayOptions options, IReadOnlySet<string>? alreadyReported = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        var errors = new Collector(alreadyReported ?? new HashSet<string>());
        ValidateEntra(options, errors);
        ValidatePresence(options.Presence, errors);

        if (options.UserMatchRetryInterval < TimeSpan.FromSeconds(10))
        {
            errors.Add("userMatchRetryInterval", Format(options.UserMatchRetryInterval), "is too short; use PT10S or longer, for example PT15M.");
        }

        var linkNames = ValidateLinks(options.PbxLinks, errors);
        ValidateUsers(options.Users, linkNames, errors);
        ValidateHistory(options.History, errors);
        ValidateApi(options.Api, errors);
        return errors.Errors;
    }

    private static void ValidateHistory(HistoryStoreOptions history, Collector errors)
    {
        if (history.PostgresConnectionString is { } connectionString)
        {
            ValidatePostgresConnectionString(connectionString, errors);
            return;
        }

        if (string.IsNullOrWhiteSpace(history.SqlitePath))
        {
            errors.Add("history.sqlitePath", null, $"is empty; set it to a database file such as {HistoryStoreOptions.DefaultSqlitePath}, or set history.postgresConnectionString.");
        }
        else if (history.SqlitePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || Path.EndsInDirectorySeparator(history.SqlitePath))
        {
            errors.Add("history.sqlitePath", history.SqlitePath, $"is not a file path; write it like {HistoryStoreOptions.DefaultSqlitePath}.");
        }
    }

    /// <summary>Checks the connection string's syntax and host; its text never goes into an error because it may hold a password.</summary>
    private static void ValidatePostgresConnectionString(string connectionString, Collector errors)
    {
        const string Path = "history.postgresConnectionString";
        var source = $"(or the environment variable {HistoryStoreOptions.PostgresConnectionVariable})";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add(Path, null, $"is empty {source}; remove it to use SQLite, or write it like Host=127.0.0.1;Port=5432;Username=pbxlab;Password=…;Database=pbxlab.");
            return;
        }

        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            errors.Add(Path, null, $"is not a valid Npgsql connection string {source} ({exception.Message}); write it like Host=127.0.0.1;Port=5432;Username=pbxlab;Password=…;Database=pbxlab.");
            return;
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            errors.Add(Path, null, $"has no Host {source}; add Host=… with the PostgreSQL server's name or address.");
        }
    }

    private static void ValidateApi(ApiOptions api, Collector errors)
    {
        if (!System.Net.IPAddress.TryParse(api.Bind, out _))
        {
            errors.Add("api.bind", api.Bind, "is not an IP address; use 127.0.0.1 (this machine only, the default), ::1, or 0.0.0.0 to listen on every interface.");
        }

        if (api.Port is < 0 or > 65535)
        {
            errors.Add("api.port", api.Port.ToString(CultureInfo.InvariantCulture), "is not a TCP port; use 1 to 65535, or 0 to let the system pick a free one.");
        }
    }

    private static void ValidateEntra(GatewayOptions options, Collector errors)
    {
        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add("tenantId", null, "is missing; set it to the Directory (tenant) ID of the Entra tenant, a GUID or a domain such as contoso.onmicrosoft.com.");
        }
        else if (!options.TenantId.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '.'))
        {
            errors.Add("tenantId", options.TenantId, "is not a tenant ID; use the Directory (tenant) ID GUID or a domain such as contoso.onmicrosoft.com.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add("clientId", null, "is missing; set it to the Application (client) ID of the app registration.");
        }
        else if (!Guid.TryParse(options.ClientId, out _))
        {
            errors.Add("clientId", options.ClientId, "is not a GUID; use the Application (client) ID from the app registration's overview page.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("clientSecret", null, $"is missing; set it to the client secret's Value (not its Secret ID), or set the environment variable {GatewayOptions.ClientSecretVariable}.");
        }

        ValidateBaseUrl("tokenBaseUrl", options.TokenBaseUrl, errors);
        ValidateBaseUrl("graphBaseUrl", options.GraphBaseUrl, errors);
    }

    private static void ValidateBaseUrl(string path, string value, Collector errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0)
        {
            errors.Add(path, value, "is not an absolute http or https URL without query; write it like https://graph.microsoft.com/v1.0.");
        }
    }

    private static void ValidatePresence(PresenceOptions presence, Collector errors)
    {
        if (presence.SessionExpiration < MinSessionExpiration || presence.SessionExpiration > MaxSessionExpiration)
        {
            errors.Add("presence.sessionExpiration", Format(presence.SessionExpiration), "is outside the range Graph accepts; use PT5M to PT4H.");
        }

        if (presence.RefreshBefore <= TimeSpan.Zero || presence.RefreshBefore >= presence.SessionExpiration)
        {
            errors.Add("presence.refreshBefore", Format(presence.RefreshBefore), $"must be longer than zero and shorter than presence.sessionExpiration ({Format(presence.SessionExpiration)}); for example PT5M.");
        }

        if (presence.NotAvailableMapsTo == CloudLinkPresence.Unknown || !Enum.IsDefined(presence.NotAvailableMapsTo))
        {
            errors.Add("presence.notAvailableMapsTo", presence.NotAvailableMapsTo.ToString(), "is not a CloudLink presence; use Away, DoNotDisturb, Busy, Available or Offline.");
        }
    }

    private static HashSet<string> ValidateLinks(IReadOnlyList<PbxLinkConfiguration> links, Collector errors)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (links.Count == 0)
        {
            errors.Add("pbxLinks", null, "is empty or missing; add at least one PBX: { \"name\": \"pbx1\", \"host\": \"…\", \"port\": 7001, \"profile\": \"mivo400\" }.");
        }

        for (var index = 0; index < links.Count; index++)
        {
            var link = links[index];
            var path = $"pbxLinks[{index}]";

            if (string.IsNullOrWhiteSpace(link.Name))
            {
                errors.Add(path + ".name", null, "is missing; give every PBX a name that users[].pbx can refer to.");
            }
            else if (!names.Add(link.Name))
            {
                errors.Add(path + ".name", link.Name, "is used by an earlier PBX; give every PBX a unique name.");
            }

            if (string.IsNullOrWhiteSpace(link.Host) || link.Host.Any(char.IsWhiteSpace))
            {
                errors.Add(path + ".host", link.Host.Length == 0 ? null : link.Host, "is missing or invalid; set it to the PBX's host name or IP address.");
            }

            if (link.Port is < 1 or > 65535)
            {
                errors.Add(path + ".port", link.Port.ToString(CultureInfo.InvariantCulture), "is not a TCP port; use the PBX's CSTA port, from 1 to 65535.");
            }

            if (PbxProfile.Find(link.Profile) is null)
            {
                var known = string.Join(", ", PbxProfile.Known.Select(profile => $"{profile.Name} ({profile.DisplayName})"));
                errors.Add(path + ".profile", link.Profile.Length == 0 ? null : link.Profile, $"is not a known PBX profile; use one of {known}.");
            }

            if (link.DialPlan is { } dialPlan)
            {
                ValidateDialPlan(dialPlan, path + ".dialPlan", errors);
            }
        }

        return names;
    }

    private static void ValidateDialPlan(DialPlan dialPlan, string path, Collector errors)
    {
        const string RegionExamples = "use an ISO 3166-1 code such as FR, CH, DE, SE, GB or US";
        var regions = PhoneNumberUtil.GetInstance().GetSupportedRegions();
        var region = dialPlan.Region ?? "";
        if (region.Length == 0)
        {
            errors.Add(path + ".region", null, $"is empty; {RegionExamples}.");
        }
        else if (!regions.Contains(region))
        {
            var upper = region.ToUpperInvariant();
            var hint = upper switch
            {
                // ISO 3166-1 reserves UK but assigns the United Kingdom GB, which is what libphonenumber uses.
                "UK" => "use GB for the United Kingdom",
                _ when upper != region && regions.Contains(upper) => $"write the code in capitals: {upper}",
                _ => RegionExamples,
            };
            errors.Add(path + ".region", region, $"is not a region libphonenumber knows; {hint}.");
        }

        var trunkAccessCode = dialPlan.TrunkAccessCode ?? "";
        if (!trunkAccessCode.All(char.IsAsciiDigit))
        {
            errors.Add(path + ".trunkAccessCode", trunkAccessCode, "is not a string of digits; write the digits dialled for an outside line, such as \"0\" or \"9\", or \"\" when the PBX needs none.");
        }

        ValidatePrefix(dialPlan.NationalPrefix, path + ".nationalPrefix", "the digits in front of a national number, such as \"0\" (FR, CH, DE, GB) or \"1\" (US)", errors);
        ValidatePrefix(dialPlan.InternationalPrefix, path + ".internationalPrefix", "the digits in front of a country code, such as \"00\" (most of Europe) or \"011\" (US)", errors);
    }

    private static void ValidatePrefix(string? prefix, string path, string expected, Collector errors)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            errors.Add(path, null, $"is empty; write {expected}.");
        }
        else if (!prefix.All(char.IsAsciiDigit))
        {
            errors.Add(path, prefix, $"is not a string of digits; write {expected}.");
        }
    }

    private static void ValidateUsers(IReadOnlyList<GatewayUserConfiguration> users, HashSet<string> linkNames, Collector errors)
    {
        if (users.Count == 0)
        {
            errors.Add("users", null, "is empty or missing; add at least one user: { \"email\": \"…\", \"device\": \"…\", \"pbx\": \"…\" }.");
        }

        var emails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var devices = new Dictionary<(string Pbx, string Device), int>();
        for (var index = 0; index < users.Count; index++)
        {
            var user = users[index];
            var path = $"users[{index}]";

            if (string.IsNullOrWhiteSpace(user.Email))
            {
                errors.Add(path + ".email", null, "is missing; set it to the user's UPN or primary mail address in Entra.");
            }
            else if (!IsEmailAddress(user.Email))
            {
                errors.Add(path + ".email", user.Email, "is not an email address; write it as name@domain, as in the user's UPN or primary mail.");
            }
            else if (!emails.TryAdd(user.Email, index))
            {
                errors.Add(path + ".email", user.Email, $"is already used by users[{emails[user.Email]}] (emails are compared ignoring case); list every user once.");
            }

            if (string.IsNullOrWhiteSpace(user.Device) || user.Device.Any(char.IsWhiteSpace))
            {
                errors.Add(path + ".device", user.Device.Length == 0 ? null : user.Device, "is missing or invalid; set it to the directory number of the user's PBX device, without spaces.");
            }

            if (string.IsNullOrWhiteSpace(user.Pbx))
            {
                errors.Add(path + ".pbx", null, "is missing; set it to the name of an entry in pbxLinks.");
            }
            else if (!linkNames.Contains(user.Pbx))
            {
                errors.Add(path + ".pbx", user.Pbx, $"does not name a PBX in pbxLinks; use one of: {string.Join(", ", linkNames)}.");
            }
            else if (!string.IsNullOrWhiteSpace(user.Device)
                && !devices.TryAdd((user.Pbx.ToUpperInvariant(), user.Device), index))
            {
                errors.Add(path + ".device", user.Device, $"on {user.Pbx} is already the device of users[{devices[(user.Pbx.ToUpperInvariant(), user.Device)]}]; give every user their own device.");
            }
        }
    }

    private static bool IsEmailAddress(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == value.LastIndexOf('@')
            && at < value.Length - 1
            && !value.Any(character => char.IsWhiteSpace(character) || character is '"' or ',' or ';' or '<' or '>');
    }

    private static string Format(TimeSpan duration) => System.Xml.XmlConvert.ToString(duration);

    private sealed class Collector(IReadOnlySet<string> alreadyReported)
    {
        public List<ConfigurationError> Errors { get; } = [];

        public void Add(string path, string? value, string message)
        {
            if (IsReported(path))
            {
                return;
            }

            Errors.Add(new ConfigurationError(path, value, message));
        }

        private bool IsReported(string path) =>
            alreadyReported.Any(reported =>
                path == reported
                || path.StartsWith(reported + ".", StringComparison.Ordinal)
                || path.StartsWith(reported + "[", StringComparison.Ordinal));
    }
}
