using PbxLab.Simulators.Graph.Directory;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PbxLab.Harness.Scenarios;

/// <summary>Directory reading: phone numbers, a user's Outlook contacts and the top-level 'directory' key.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] ContactKeys = ["name", "businessPhones", "homePhones", "mobilePhone"];
    private static readonly string[] DirectoryKeys = ["people", "generate", "import"];
    private static readonly string[] PersonKeys = ["name", "email", "businessPhone", "mobilePhone"];
    private static readonly string[] GenerateKeys = ["users", "contactsPerUser", "seed", "locales"];
    private static readonly string[] ImportExtensions = [".csv", ".json"];

    // A whole export with a wrong separator would give an error per line; the first ones tell enough.
    private const int MaxImportErrors = 10;

    // Characters people write between the digits of a phone number.
    private const string PhoneSeparators = " +()-./";

    private const int MinPhoneDigits = 3;
    private const int MaxGeneratedUsers = 100_000;
    private const int MaxGeneratedContacts = 50;
    private const int DefaultGeneratedContacts = 3;
    private const int DefaultGeneratorSeed = 1;

    private string? ReadPhoneNumber(YamlNode node, string path)
    {
        if (ReadText(node, path, "a phone number") is not { } scalar)
        {
            return null;
        }

        var number = scalar.Value;
        if (!number.All(character => char.IsAsciiDigit(character) || PhoneSeparators.Contains(character, StringComparison.Ordinal)))
        {
            Error(scalar.Mark, $"{scalar.Path}: invalid phone number '{number}'. Use digits, spaces and + ( ) - . / only, such as \"+33 1 23 45 67 89\".");
            return null;
        }

        var digits = number.Count(char.IsAsciiDigit);
        if (digits < MinPhoneDigits)
        {
            Error(scalar.Mark, $"{scalar.Path}: invalid phone number '{number}'. A phone number has at least {MinPhoneDigits} digits, this one has {digits}.");
            return null;
        }

        return number;
    }

    /// <summary>Reads one phone number or a list of them, and returns null when any of them is invalid.</summary>
    private List<string>? ReadPhoneNumbers(YamlNode node, string path)
    {
        if (ReadScalarItems(node, path, "a phone number") is not { } items)
        {
            return null;
        }

        var numbers = items.Select(item => ReadPhoneNumber(item.Node, item.Path)).ToList();
        return numbers.Contains(null) ? null : numbers.Select(number => number!).ToList();
    }

    /// <summary>Reads the business phone of an Entra user: one number, or a list of at most one.</summary>
    private List<string>? ReadBusinessPhone(YamlNode node, string path)
    {
        if (node is YamlSequenceNode { Children.Count: > 1 } list)
        {
            Error(list.Start, $"{path}: {list.Children.Count} numbers given, but Graph allows at most one business phone for a user. Keep one number.");
            return null;
        }

        return ReadPhoneNumbers(node, path);
    }

    private List<ContactDefinition>? ReadContacts(YamlNode node, string path)
    {
        if (ExpectSequence(node, path, "a list of contacts such as [ { name: Dr Martin, mobilePhone: \"+33 6 12 34 56 78\" } ]") is not { } list)
        {
            return null;
        }

        var contacts = new List<ContactDefinition>();
        var names = new Dictionary<string, Mark>(StringComparer.OrdinalIgnoreCase);
        var valid = true;
        for (var index = 0; index < list.Children.Count; index++)
        {
            var contactPath = $"{path}[{index}]";
            if (ExpectMapping(list.Children[index], contactPath, "a mapping with name and phone numbers") is not { } mapping)
            {
                valid = false;
                continue;
            }

            CheckKeys(mapping, contactPath, ContactKeys);
            var nameNode = Required(mapping, contactPath, "name", "<display name>");
            var name = nameNode is null ? null : ReadText(nameNode, $"{contactPath}.name", "the contact's display name");
            if (name is { } known && !names.TryAdd(known.Value, known.Mark))
            {
                Error(known.Mark,
                    $"{known.Path}: duplicate contact '{known.Value}' (first declared at line {names[known.Value].Line}). Give each contact of a user a unique name.");
                name = null;
            }

            // A contact without any number is valid: it becomes a NOT AVAILABLE speed dial.
            var businessNode = Child(mapping, "businessPhones");
            var business = businessNode is null ? [] : ReadPhoneNumbers(businessNode, $"{contactPath}.businessPhones");
            var homeNode = Child(mapping, "homePhones");
            var home = homeNode is null ? [] : ReadPhoneNumbers(homeNode, $"{contactPath}.homePhones");
            var mobileNode = Child(mapping, "mobilePhone");
            var mobile = mobileNode is null ? null : ReadPhoneNumber(mobileNode, $"{contactPath}.mobilePhone");
            if (name is null || business is null || home is null || (mobileNode is not null && mobile is null))
            {
                valid = false;
                continue;
            }

            contacts.Add(new ContactDefinition(name.Value.Value, business, home, mobile));
        }

        return valid ? contacts : null;
    }

    private DirectoryDefinition ReadDirectory(YamlNode? node)
    {
        if (node is null || ExpectMapping(node, "directory", "a mapping with people, generate or import") is not { } mapping)
        {
            return DirectoryDefinition.Empty;
        }

        CheckKeys(mapping, "directory", DirectoryKeys);
        var peopleNode = Child(mapping, "people");
        var people = peopleNode is null ? [] : ReadPeople(peopleNode);
        var generateNode = Child(mapping, "generate");
        var generate = generateNode is null ? null : ReadGenerate(generateNode);
        var importNode = Child(mapping, "import");
        var importPath = importNode is null ? null : ReadImportPath(importNode);
        return new DirectoryDefinition(people, generate, importPath);
    }

    private List<PersonDefinition> ReadPeople(YamlNode node)
    {
        var people = new List<PersonDefinition>();
        if (ExpectSequence(node, "directory.people", "a list of people such as [ { name: Paul Durand, email: paul@contoso.com } ]") is not { } list)
        {
            return people;
        }

        var emails = new Dictionary<string, Mark>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < list.Children.Count; index++)
        {
            var path = $"directory.people[{index}]";
            if (ExpectMapping(list.Children[index], path, "a mapping with name, email and phone numbers") is not { } mapping)
            {
                continue;
            }

            CheckKeys(mapping, path, PersonKeys);
            var nameNode = Required(mapping, path, "name", "<display name>");
            var name = nameNode is null ? null : ReadString(nameNode, $"{path}.name", "the person's display name");
            var emailNode = Required(mapping, path, "email", "<user principal name>");
            var email = emailNode is null ? null : ReadPersonEmail(emailNode, $"{path}.email", emails);
            var businessNode = Child(mapping, "businessPhone");
            var business = businessNode is null ? [] : ReadBusinessPhone(businessNode, $"{path}.businessPhone");
            var mobileNode = Child(mapping, "mobilePhone");
            var mobile = mobileNode is null ? null : ReadPhoneNumber(mobileNode, $"{path}.mobilePhone");
            if (name is null || email is null || business is null || (mobileNode is not null && mobile is null))
            {
                continue;
            }

            people.Add(new PersonDefinition(name, email, business, mobile));
        }

        return people;
    }

    /// <summary>Reads a person's email, which must be new to the directory because Entra matches users by it.</summary>
    private string? ReadPersonEmail(YamlNode node, string path, Dictionary<string, Mark> emails)
    {
        if (ReadText(node, path, "an email address") is not { } scalar)
        {
            return null;
        }

        var email = scalar.Value;
        if (!email.Contains('@', StringComparison.Ordinal))
        {
            Error(scalar.Mark, $"{scalar.Path}: invalid email '{email}'. Write the person's user principal name, such as paul@contoso.com.");
            return null;
        }

        if (_userEmails.TryGetValue(email, out var user))
        {
            Error(scalar.Mark, $"{scalar.Path}: '{email}' is already the email of user '{user}'. Give the person an email of their own.");
            return null;
        }

        if (!emails.TryAdd(email, scalar.Mark))
        {
            Error(scalar.Mark, $"{scalar.Path}: duplicate email '{email}' (first declared at line {emails[email].Line}). Give each person an email of their own.");
            return null;
        }

        return email;
    }

    private GeneratedDirectoryDefinition? ReadGenerate(YamlNode node)
    {
        const string path = "directory.generate";
        if (ExpectMapping(node, path, "a mapping such as { users: 1000, contactsPerUser: 3, seed: 1 }") is not { } mapping)
        {
            return null;
        }

        CheckKeys(mapping, path, GenerateKeys);
        var usersNode = Required(mapping, path, "users", "<number of users>");
        var users = usersNode is null ? null : ReadIntInRange(usersNode, $"{path}.users", 1, MaxGeneratedUsers);
        var contactsNode = Child(mapping, "contactsPerUser");
        var contacts = contactsNode is null ? DefaultGeneratedContacts : ReadIntInRange(contactsNode, $"{path}.contactsPerUser", 0, MaxGeneratedContacts);
        var seedNode = Child(mapping, "seed");
        var seed = seedNode is null ? DefaultGeneratorSeed : ReadIntInRange(seedNode, $"{path}.seed", int.MinValue, int.MaxValue);
        var localesNode = Child(mapping, "locales");
        var locales = localesNode is null ? [.. DirectoryGenerator.Locales.Keys] : ReadLocales(localesNode, $"{path}.locales");
        if (users is null || contacts is null || seed is null || locales is null)
        {
            return null;
        }

        return new GeneratedDirectoryDefinition(users.Value, contacts.Value, seed.Value, locales);
    }

    private List<string>? ReadLocales(YamlNode node, string path)
    {
        if (ReadScalarItems(node, path, "a locale code") is not { } items)
        {
            return null;
        }

        var allowed = DirectoryGenerator.Locales.Keys.ToList();
        if (items.Count == 0)
        {
            Error(node.Start, $"{path}: the list is empty. Name at least one locale, or leave 'locales' out for all of: {string.Join(", ", allowed)}.");
            return null;
        }

        var locales = new List<string>();
        var valid = true;
        foreach (var (itemNode, itemPath) in items)
        {
            var locale = ReadChoice(itemNode, itemPath, allowed);
            if (locale is null)
            {
                valid = false;
            }
            else if (locales.Contains(locale, StringComparer.Ordinal))
            {
                Error(itemNode.Start, $"{itemPath}: duplicate locale '{locale}'. Name each locale once.");
                valid = false;
            }
            else
            {
                locales.Add(locale);
            }
        }

        return valid ? locales : null;
    }

    /// <summary>Returns the full path of the directory file, resolved against the scenario file's folder.</summary>
    private string? ReadImportPath(YamlNode node)
    {
        const string path = "directory.import";
        if (ReadText(node, path, "the path of a .csv or .json directory file") is not { } scalar)
        {
            return null;
        }

        string fullPath;
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(_file)) ?? "";
            fullPath = Path.GetFullPath(Path.Combine(folder, scalar.Value));
        }
        catch (ArgumentException)
        {
            // A NUL character, which YAML can write as "\0", makes no path on any system.
            Error(scalar.Mark, $"{scalar.Path}: invalid path '{scalar.Value}'. Give the path of a .csv or .json file.");
            return null;
        }

        var extension = Path.GetExtension(fullPath);
        if (!ImportExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            Error(scalar.Mark, $"{scalar.Path}: '{scalar.Value}' is not a .csv or .json file ({fullPath}). Import a directory exported as CSV or JSON.");
            return null;
        }

        if (!File.Exists(fullPath))
        {
            Error(scalar.Mark, $"{scalar.Path}: file not found: {fullPath}. The path is relative to the scenario file's folder.");
            return null;
        }

        return CheckImportFile(scalar.Value, fullPath, scalar.Path, scalar.Mark) ? fullPath : null;
    }

    /// <summary>
    /// Reads the directory file now, so that a partner's export with a bad line fails validation
    /// (exit code 2, nothing started) instead of every world that would load it.
    /// </summary>
    private bool CheckImportFile(string value, string fullPath, string path, Mark mark)
    {
        try
        {
            DirectoryImport.FromFile(fullPath);
            return true;
        }
        catch (DirectoryImportException exception)
        {
            foreach (var error in exception.Errors.Take(MaxImportErrors))
            {
                var field = error.Field is null ? "" : $" field '{error.Field}':";
                Error(mark, $"{path}: '{value}' line {error.Line}:{field} {error.Message}");
            }

            if (exception.Errors.Count > MaxImportErrors)
            {
                Error(mark, $"{path}: '{value}' has {exception.Errors.Count - MaxImportErrors} more errors. Fix the ones above and validate again.");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Error(mark, $"{path}: cannot read {fullPath}: {exception.Message}");
        }

        return false;
    }
}
