using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PbxLab.Harness.Scenarios;

/// <summary>
/// Reads a scenario document into a <see cref="ScenarioDefinition"/>, collecting every error with its
/// line, column and YAML path instead of stopping at the first. Table steps are read once per row with
/// the row's cells substituted, so a bad cell is reported at the cell.
/// </summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] TopLevelKeys = ["scenario", "description", "pbx", "graph", "core", "users", "directory", "setup", "steps", "table"];
    private static readonly string[] PbxKeys = ["profile", "licences", "region", "presentation"];
    private static readonly string[] GraphKeys = ["teamsClientLag"];
    private static readonly string[] CoreKeys = ["sessionExpiration", "refreshBefore", "notAvailableMapsTo"];
    private static readonly string[] UserKeys =
        ["name", "email", "device", "cloudLinkRole", "inEntra", "displayName", "businessPhone", "mobilePhone", "contacts"];

    // Graph accepts an app session expirationDuration from PT5M to PT4H (setPresence, Graph v1.0).
    private static readonly TimeSpan MinSessionExpiration = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxSessionExpiration = TimeSpan.FromHours(4);

    private readonly string _file;
    private readonly List<ScenarioError> _errors = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly List<UserDefinition> _users = [];

    // Every user name that parsed, even from an otherwise invalid user, so steps do not repeat the error.
    private readonly HashSet<string> _userNames = new(StringComparer.Ordinal);

    // Every user email that parsed, with its user's name. Entra matches emails without regard to case.
    private readonly Dictionary<string, string> _userEmails = new(StringComparer.OrdinalIgnoreCase);
    private RowContext? _row;

    public ScenarioReader(string file) => _file = file;

    public IReadOnlyList<ScenarioError> Errors => _errors;

    /// <summary>The cells of the table row being read, by column, with the mark of each cell.</summary>
    private sealed record RowContext(int Index, IReadOnlyList<string> Columns, IReadOnlyDictionary<string, (string Value, Mark Mark)> Cells);

    public ScenarioDefinition? Read(YamlNode root)
    {
        var document = ExpectMapping(root, "scenario file", "a mapping with 'scenario', 'users' and 'steps' or 'table'");
        if (document is null)
        {
            return null;
        }

        CheckKeys(document, "top level", TopLevelKeys);

        var nameNode = Required(document, "top level", "scenario", "<scenario name>");
        var name = nameNode is null ? null : ReadString(nameNode, "scenario", "a scenario name");
        var descriptionNode = Child(document, "description");
        var description = descriptionNode is null ? null : ReadString(descriptionNode, "description", "a description");

        var pbx = ReadPbx(Child(document, "pbx"));
        var graph = ReadGraph(Child(document, "graph"));
        var core = ReadCore(Child(document, "core"));
        ReadUsers(Required(document, "top level", "users", "[ { name: alice, email: alice@contoso.com, device: \"201\" } ]"));
        var directory = ReadDirectory(Child(document, "directory"));

        var setupNode = Child(document, "setup");
        var setup = setupNode is null ? [] : ReadSteps(setupNode, "setup");
        _setupCoreStoppedAt = _coreStoppedAt;

        var cases = ReadCases(document, name ?? "");
        if (name is null || cases is null)
        {
            return null;
        }

        var columns = cases.Count > 0 && cases[0].RowNumber > 0 ? cases[0].Row.Select(cell => cell.Key).ToList() : [];
        return new ScenarioDefinition(name, description, _file, pbx, graph, core, _users.ToList(), setup, cases, columns) { Directory = directory };
    }

    private List<ScenarioCase>? ReadCases(YamlMappingNode document, string scenarioName)
    {
        var stepsNode = Child(document, "steps");
        var tableNode = Child(document, "table");
        if (stepsNode is not null && tableNode is not null)
        {
            Error(KeyMark(document, "table"),
                "top level: 'steps' and 'table' are both set. Use 'steps' for one case or 'table' for one case per row, not both.");

            // Both are still read so that their own errors are reported in the same pass.
            ReadCaseSteps(stepsNode, "steps");
            ReadTable(tableNode);
            return null;
        }

        if (stepsNode is null && tableNode is null)
        {
            Error(document.Start, "top level: missing 'steps' or 'table'. Add 'steps: [...]' for one case or 'table:' for one case per row.");
            return null;
        }

        if (stepsNode is not null)
        {
            var steps = ReadCaseSteps(stepsNode, "steps");
            var location = Location(KeyMark(document, "steps"));
            return [new ScenarioCase(scenarioName, 0, [], steps, location)];
        }

        return ReadTable(tableNode!);
    }

    private SourceLocation Location(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);

    private PbxSettings ReadPbx(YamlNode? node)
    {
        if (node is null || ExpectMapping(node, "pbx", "a mapping such as { profile: mivo400, licences: 50 }") is not { } mapping)
        {
            return PbxSettings.Default;
        }

        CheckKeys(mapping, "pbx", PbxKeys);
        var profileNode = Child(mapping, "profile");
        var profile = profileNode is null ? PbxSettings.DefaultProfile : ReadChoice(profileNode, "pbx.profile", PbxSettings.KnownProfiles);
        var licencesNode = Child(mapping, "licences");
        var licences = licencesNode is null ? null : ReadPositiveInt(licencesNode, "pbx.licences");
        var regionNode = Child(mapping, "region");
        var region = regionNode is null ? null : ReadChoice(regionNode, "pbx.region", PbxSettings.KnownRegions);
        var presentationNode = Child(mapping, "presentation");
        var presentation = presentationNode is null
            ? null
            : ReadEnum<CallerNumberPresentation>(presentationNode, "pbx.presentation", ScenarioText.Camel);
        return new PbxSettings(profile ?? PbxSettings.DefaultProfile, licences) { Region = region, Presentation = presentation };
    }

    private GraphSettings ReadGraph(YamlNode? node)
    {
        if (node is null || ExpectMapping(node, "graph", "a mapping such as { teamsClientLag: 0s }") is not { } mapping)
        {
            return GraphSettings.Default;
        }

        CheckKeys(mapping, "graph", GraphKeys);
        var lagNode = Child(mapping, "teamsClientLag");
        var lag = lagNode is null ? null : ReadDuration(lagNode, "graph.teamsClientLag");
        return new GraphSettings(lag ?? TimeSpan.Zero);
    }

    private CoreSettings ReadCore(YamlNode? node)
    {
        if (node is null || ExpectMapping(node, "core", "a mapping such as { sessionExpiration: 1h, refreshBefore: 5m }") is not { } mapping)
        {
            return CoreSettings.Default;
        }

        CheckKeys(mapping, "core", CoreKeys);
        var expirationNode = Child(mapping, "sessionExpiration");
        var expiration = expirationNode is null ? null : ReadDuration(expirationNode, "core.sessionExpiration");
        if (expirationNode is not null && expiration is { } value && (value < MinSessionExpiration || value > MaxSessionExpiration))
        {
            Error(expirationNode.Start,
                $"core.sessionExpiration: {DurationText.Format(value)} is out of range. Graph accepts an expirationDuration from 5m to 4h.");
        }

        var refreshNode = Child(mapping, "refreshBefore");
        var refresh = refreshNode is null ? null : ReadDuration(refreshNode, "core.refreshBefore");
        if (refreshNode is not null && refresh is { } before && expiration is { } session && before >= session)
        {
            Error(refreshNode.Start,
                $"core.refreshBefore: {DurationText.Format(before)} is not shorter than sessionExpiration {DurationText.Format(session)}. Refresh before the session expires.");
        }

        var mapsToNode = Child(mapping, "notAvailableMapsTo");
        var mapsTo = mapsToNode is null ? null : ReadEnum<CloudLinkPresence>(mapsToNode, "core.notAvailableMapsTo", value => value.ToString());
        return new CoreSettings(expiration, refresh, mapsTo);
    }

    private void ReadUsers(YamlNode? node)
    {
        if (node is null || ExpectSequence(node, "users", "a list of users") is not { } list)
        {
            return;
        }

        if (list.Children.Count == 0)
        {
            Error(list.Start, "users: the list is empty. Declare at least one user with name, email and device.");
            return;
        }

        var names = new Dictionary<string, Mark>(StringComparer.OrdinalIgnoreCase);
        var devices = new Dictionary<string, Mark>(StringComparer.Ordinal);
        var emails = new Dictionary<string, Mark>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < list.Children.Count; index++)
        {
            var path = $"users[{index}]";
            if (ExpectMapping(list.Children[index], path, "a mapping with name, email and device") is not { } mapping)
            {
                continue;
            }

            CheckKeys(mapping, path, UserKeys);
            var user = ReadUser(mapping, path);
            var nameNode = Child(mapping, "name");
            var deviceNode = Child(mapping, "device");
            var duplicate = false;

            // Duplicates are checked on the raw values so that they are reported even for an otherwise invalid user.
            if (nameNode is YamlScalarNode { Value: { Length: > 0 } name } && !names.TryAdd(name.Trim(), nameNode.Start))
            {
                Error(nameNode.Start,
                    $"{path}.name: duplicate user name '{name.Trim()}' (first declared at line {names[name.Trim()].Line}). Give each user a unique name.");
                duplicate = true;
            }

            if (deviceNode is YamlScalarNode { Value: { Length: > 0 } device } && !devices.TryAdd(device.Trim(), deviceNode.Start))
            {
                Error(deviceNode.Start,
                    $"{path}.device: duplicate device '{device.Trim()}' (first declared at line {devices[device.Trim()].Line}). Give each user their own directory number.");
                duplicate = true;
            }

            // Entra matches users by email without regard to case, so two users may not share one.
            var emailNode = Child(mapping, "email");
            if (emailNode is YamlScalarNode { Value: { Length: > 0 } email } && !emails.TryAdd(email.Trim(), emailNode.Start))
            {
                Error(emailNode.Start,
                    $"{path}.email: duplicate email '{email.Trim()}' (first declared at line {emails[email.Trim()].Line}). Give each user their own CloudLink account.");
                duplicate = true;
            }

            if (user is null || duplicate)
            {
                continue;
            }

            _users.Add(user);
        }
    }

    private UserDefinition? ReadUser(YamlMappingNode mapping, string path)
    {
        var nameNode = Required(mapping, path, "name", "<name used in steps>");
        var name = nameNode is null ? null : ReadString(nameNode, $"{path}.name", "a user name");
        if (name is not null)
        {
            _userNames.Add(name);
        }

        var emailNode = Required(mapping, path, "email", "<CloudLink account email>");
        var email = emailNode is null ? null : ReadString(emailNode, $"{path}.email", "an email address");
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            Error(emailNode!.Start, $"{path}.email: invalid email '{email}'. Write the CloudLink account email, such as alice@contoso.com.");
            email = null;
        }

        var deviceNode = Required(mapping, path, "device", "\"<PBX directory number>\"");
        var device = deviceNode is null ? null : ReadString(deviceNode, $"{path}.device", "a PBX directory number");
        if (device is not null && !device.All(char.IsAsciiDigit))
        {
            Error(deviceNode!.Start, $"{path}.device: invalid directory number '{device}'. Use digits only, such as \"201\".");
            device = null;
        }

        if (name is not null && email is not null)
        {
            _userEmails.TryAdd(email, name);
        }

        var roleNode = Child(mapping, "cloudLinkRole");
        var role = roleNode is null ? true : ReadBool(roleNode, $"{path}.cloudLinkRole");
        var entraNode = Child(mapping, "inEntra");
        var inEntra = entraNode is null ? true : ReadBool(entraNode, $"{path}.inEntra");

        var displayNameNode = Child(mapping, "displayName");
        var displayName = displayNameNode is null ? null : ReadString(displayNameNode, $"{path}.displayName", "the Entra display name");
        var businessNode = Child(mapping, "businessPhone");
        var business = businessNode is null ? [] : ReadBusinessPhone(businessNode, $"{path}.businessPhone");
        var mobileNode = Child(mapping, "mobilePhone");
        var mobile = mobileNode is null ? null : ReadPhoneNumber(mobileNode, $"{path}.mobilePhone");
        var contactsNode = Child(mapping, "contacts");
        var contacts = contactsNode is null ? [] : ReadContacts(contactsNode, $"{path}.contacts");

        if (name is null || email is null || device is null || role is null || inEntra is null)
        {
            return null;
        }

        if ((displayNameNode is not null && displayName is null) || business is null || (mobileNode is not null && mobile is null) || contacts is null)
        {
            return null;
        }

        // Empty lists keep the records' shared defaults, so two users without phones compare equal.
        var user = new UserDefinition(name, email, device, role.Value, inEntra.Value) { DisplayName = displayName, MobilePhone = mobile };
        if (business.Count > 0)
        {
            user = user with { BusinessPhones = business };
        }

        if (contacts.Count > 0)
        {
            user = user with { Contacts = contacts };
        }

        return user;
    }
}
