using System.Globalization;
using System.Text.Json;
using System.Xml;
using PbxLab.Core.Numbers;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Configuration;

/// <summary>The outcome of loading a configuration file: options when it has no errors, else every error found.</summary>
public sealed record GatewayOptionsLoadResult(GatewayOptions? Options, IReadOnlyList<ConfigurationError> Errors)
{
    public bool IsValid => Options is not null && Errors.Count == 0;
}

/// <summary>
/// Reads the gateway configuration from JSON and validates it, collecting every error with its key
/// path instead of stopping at the first. Comments and trailing commas are allowed. Key names are
/// matched exactly, so a misspelt key is reported rather than silently ignored.
/// </summary>
public static class GatewayOptionsLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads and validates a configuration file.</summary>
    /// <param name="environment">Reads an environment variable; defaults to the process environment.</param>
    public static GatewayOptionsLoadResult LoadFile(string path, Func<string, string?>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Failed(new ConfigurationError("(file)", path, $"could not be read ({exception.Message}); check the path and its permissions."));
        }

        return Load(json, environment);
    }

    /// <summary>Parses and validates configuration JSON.</summary>
    /// <param name="environment">Reads an environment variable; defaults to the process environment.</param>
    public static GatewayOptionsLoadResult Load(string json, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        environment ??= Environment.GetEnvironmentVariable;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line
                ? $"line {line + 1}, position {exception.BytePositionInLine + 1}"
                : "an unknown position";
            return Failed(new ConfigurationError("(file)", null, $"is not valid JSON at {where}: {exception.Message}"));
        }

        using (document)
        {
            var reader = new ElementReader();
            var options = reader.ReadGateway(document.RootElement, environment);
            var errors = new List<ConfigurationError>(reader.Errors);
            errors.AddRange(GatewayOptionsValidator.Validate(options, reader.ReportedPaths));
            return errors.Count == 0
                ? new GatewayOptionsLoadResult(options, [])
                : new GatewayOptionsLoadResult(null, errors);
        }
    }

    private static GatewayOptionsLoadResult Failed(ConfigurationError error) => new(null, [error]);

    /// <summary>Walks the JSON tree and records type errors; values it cannot read keep their defaults.</summary>
    private sealed class ElementReader
    {
        public List<ConfigurationError> Errors { get; } = [];

        public HashSet<string> ReportedPaths { get; } = [];

        public GatewayOptions ReadGateway(JsonElement root, Func<string, string?> environment)
        {
            if (!ExpectObject(root, "(root)"))
            {
                return new GatewayOptions();
            }

            RejectUnknownKeys(root, "", ["tenantId", "clientId", "clientSecret", "tokenBaseUrl", "graphBaseUrl", "presence", "userMatchRetryInterval", "pbxLinks", "users", "history", "api"]);

            var secretFromEnvironment = environment(GatewayOptions.ClientSecretVariable);
            var secret = string.IsNullOrEmpty(secretFromEnvironment)
                ? ReadString(root, "clientSecret", "clientSecret", secret: true) ?? ""
                : secretFromEnvironment;

            return new GatewayOptions
            {
                TenantId = ReadString(root, "tenantId", "tenantId") ?? "",
                ClientId = ReadString(root, "clientId", "clientId") ?? "",
                ClientSecret = secret,
                TokenBaseUrl = ReadString(root, "tokenBaseUrl", "tokenBaseUrl") ?? GatewayOptions.DefaultTokenBaseUrl,
                GraphBaseUrl = ReadString(root, "graphBaseUrl", "graphBaseUrl") ?? GatewayOptions.DefaultGraphBaseUrl,
                UserMatchRetryInterval = ReadDuration(root, "userMatchRetryInterval", "userMatchRetryInterval") ?? TimeSpan.FromMinutes(15),
                Presence = ReadPresence(root),
                PbxLinks = ReadArray(root, "pbxLinks", ReadLink),
                Users = ReadArray(root, "users", ReadUser),
                History = ReadHistory(root, environment),
                Api = ReadApi(root),
            };
        }

        private HistoryStoreOptions ReadHistory(JsonElement root, Func<string, string?> environment)
        {
            var connectionFromEnvironment = environment(HistoryStoreOptions.PostgresConnectionVariable);
            if (!root.TryGetProperty("history", out var history) || !ExpectObject(history, "history"))
            {
                return new HistoryStoreOptions { PostgresConnectionString = NullIfEmpty(connectionFromEnvironment) };
            }

            RejectUnknownKeys(history, "history", ["sqlitePath", "postgresConnectionString"]);

            // The connection string may hold a password, so a type error never shows its value.
            var connectionFromFile = ReadString(history, "postgresConnectionString", "history.postgresConnectionString", secret: true);
            var sqlitePath = ReadString(history, "sqlitePath", "history.sqlitePath");
            if (sqlitePath is not null && !string.IsNullOrEmpty(connectionFromFile))
            {
                Report("history", null, "sets both sqlitePath and postgresConnectionString; keep one of them (set postgresConnectionString to null to use SQLite).");
            }

            return new HistoryStoreOptions
            {
                SqlitePath = sqlitePath ?? HistoryStoreOptions.DefaultSqlitePath,
                PostgresConnectionString = NullIfEmpty(connectionFromEnvironment) ?? connectionFromFile,
            };
        }

        private ApiOptions ReadApi(JsonElement root)
        {
            if (!root.TryGetProperty("api", out var api) || !ExpectObject(api, "api"))
            {
                return new ApiOptions();
            }

            RejectUnknownKeys(api, "api", ["bind", "port"]);
            return new ApiOptions
            {
                Bind = ReadString(api, "bind", "api.bind") ?? ApiOptions.DefaultBind,
                Port = api.TryGetProperty("port", out _) ? ReadPort(api, "api.port") : ApiOptions.DefaultPort,
            };
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

        private PresenceOptions ReadPresence(JsonElement root)
        {
            var defaults = new PresenceOptions();
            if (!root.TryGetProperty("presence", out var presence) || !ExpectObject(presence, "presence"))
            {
                return defaults;
            }

            RejectUnknownKeys(presence, "presence", ["sessionExpiration", "refreshBefore", "notAvailableMapsTo"]);

            var mapping = defaults.NotAvailableMapsTo;
            var mappingText = ReadString(presence, "notAvailableMapsTo", "presence.notAvailableMapsTo");
            if (mappingText is not null)
            {
                if (Enum.TryParse<CloudLinkPresence>(mappingText, ignoreCase: true, out var parsed)
                    && parsed != CloudLinkPresence.Unknown
                    && Enum.IsDefined(parsed)
                    && !int.TryParse(mappingText, out _))
                {
                    mapping = parsed;
                }
                else
                {
                    Report("presence.notAvailableMapsTo", mappingText, "is not a CloudLink presence; use Away, DoNotDisturb, Busy, Available or Offline.");
                }
            }

            return new PresenceOptions
            {
                SessionExpiration = ReadDuration(presence, "sessionExpiration", "presence.sessionExpiration") ?? defaults.SessionExpiration,
                RefreshBefore = ReadDuration(presence, "refreshBefore", "presence.refreshBefore") ?? defaults.RefreshBefore,
                NotAvailableMapsTo = mapping,
            };
        }

        private PbxLinkConfiguration ReadLink(JsonElement element, string path)
        {
            if (!ExpectObject(element, path))
            {
                return new PbxLinkConfiguration("", "", 0, "");
            }

            RejectUnknownKeys(element, path, ["name", "host", "port", "profile", "dialPlan"]);
            var profile = ReadString(element, "profile", path + ".profile") ?? "";
            return new PbxLinkConfiguration(
                ReadString(element, "name", path + ".name") ?? "",
                ReadString(element, "host", path + ".host") ?? "",
                ReadPort(element, path + ".port"),
                profile)
            {
                DialPlan = ReadDialPlan(element, path + ".dialPlan", profile),
            };
        }

        /// <summary>
        /// Reads a link's dial plan; a key it omits takes the profile's value. Returns null when the
        /// link has no dialPlan, so the profile's default applies. The validator checks the values.
        /// </summary>
        private DialPlan? ReadDialPlan(JsonElement link, string path, string profile)
        {
            if (!link.TryGetProperty("dialPlan", out var element) || element.ValueKind == JsonValueKind.Null || !ExpectObject(element, path))
            {
                return null;
            }

            RejectUnknownKeys(element, path, ["region", "trunkAccessCode", "nationalPrefix", "internationalPrefix"]);

            // An unknown profile is reported by the validator; its dial plan falls back to MiVoice Office 400's meanwhile.
            var defaults = DialPlan.DefaultFor(profile) ?? DialPlan.MiVoiceOffice400;
            return new DialPlan(
                ReadString(element, "region", path + ".region") ?? defaults.Region,
                ReadString(element, "trunkAccessCode", path + ".trunkAccessCode") ?? defaults.TrunkAccessCode,
                ReadString(element, "nationalPrefix", path + ".nationalPrefix") ?? defaults.NationalPrefix,
                ReadString(element, "internationalPrefix", path + ".internationalPrefix") ?? defaults.InternationalPrefix);
        }

        private GatewayUserConfiguration ReadUser(JsonElement element, string path)
        {
            if (!ExpectObject(element, path))
            {
                return new GatewayUserConfiguration("", "", "");
            }

            RejectUnknownKeys(element, path, ["email", "device", "pbx"]);
            return new GatewayUserConfiguration(
                ReadString(element, "email", path + ".email") ?? "",
                ReadDevice(element, path + ".device"),
                ReadString(element, "pbx", path + ".pbx") ?? "");
        }

        /// <summary>
        /// Reads every item of an array. An item that is not an object still takes its place, with
        /// empty fields, so that later items keep the index they have in the file.
        /// </summary>
        private List<T> ReadArray<T>(JsonElement parent, string key, Func<JsonElement, string, T> readItem)
        {
            var items = new List<T>();
            if (!parent.TryGetProperty(key, out var array))
            {
                return items;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                Report(key, array.GetRawText(), $"is not an array; write {key} as [ {{ … }}, … ].");
                return items;
            }

            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                items.Add(readItem(element, $"{key}[{index}]"));
                index++;
            }

            return items;
        }

        private string? ReadString(JsonElement parent, string key, string path, bool secret = false)
        {
            if (!parent.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Report(path, secret ? null : value.GetRawText(), "is not a string; put the value in double quotes.");
                return null;
            }

            return value.GetString();
        }

        /// <summary>Reads a directory number, which may be written as a JSON number.</summary>
        private string ReadDevice(JsonElement parent, string path)
        {
            if (parent.TryGetProperty("device", out var value) && value.ValueKind == JsonValueKind.Number)
            {
                return value.GetRawText();
            }

            return ReadString(parent, "device", path) ?? "";
        }

        private int ReadPort(JsonElement parent, string path)
        {
            if (!parent.TryGetProperty("port", out var value))
            {
                return 0;
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var port))
            {
                return port;
            }

            if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out port))
            {
                return port;
            }

            Report(path, value.GetRawText(), "is not a TCP port; use a whole number from 1 to 65535.");
            return 0;
        }

        private TimeSpan? ReadDuration(JsonElement parent, string key, string path)
        {
            var text = ReadString(parent, key, path);
            if (text is null)
            {
                return null;
            }

            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                Report(path, text, "is not an ISO-8601 duration; write it like PT1H, PT30M or PT90S.");
                return null;
            }
        }

        private bool ExpectObject(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Report(path, element.GetRawText(), "is not a JSON object; write it as { \"key\": value, … }.");
            return false;
        }

        private void RejectUnknownKeys(JsonElement element, string path, string[] knownKeys)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!knownKeys.Contains(property.Name, StringComparer.Ordinal))
                {
                    var propertyPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    Report(propertyPath, null, $"is not a known key; the keys here are {string.Join(", ", knownKeys)} (names are case-sensitive).");
                }
            }
        }

        private void Report(string path, string? value, string message)
        {
            Errors.Add(new ConfigurationError(path, value, message));
            ReportedPaths.Add(path);
        }
    }
}
