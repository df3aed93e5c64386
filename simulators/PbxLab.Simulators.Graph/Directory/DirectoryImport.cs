using System.Text;
using System.Text.Json;

namespace PbxLab.Simulators.Graph.Directory;

/// <summary>
/// Reads a directory that a partner exported, as CSV or JSON, into a <see cref="GeneratedDirectory"/>.
/// Both carry the fields kind (user or contact), owner (the user principal name of a contact's
/// owner), displayName, userPrincipalName, mail, businessPhones, homePhones and mobilePhone. In
/// CSV the first line is that header and several numbers in one field are separated by ';'. In
/// JSON the file is an array of objects, and a phone list may be an array or a ';'-separated string.
/// Every error is collected, naming the file, line and field, and thrown together.
/// </summary>
public static class DirectoryImport
{
    public static readonly IReadOnlyList<string> Fields =
        ["kind", "owner", "displayName", "userPrincipalName", "mail", "businessPhones", "homePhones", "mobilePhone"];

    /// <summary>Reads a .csv or .json file, chosen by its extension.</summary>
    public static GeneratedDirectory FromFile(string path)
    {
        var text = File.ReadAllText(path);
        var name = Path.GetFileName(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => FromCsv(text, name),
            ".json" => FromJson(text, name),
            _ => throw new DirectoryImportException([new DirectoryImportError(name, 1, null, "Unknown file type; use a .csv or .json file.")]),
        };
    }

    /// <summary>Reads CSV text (RFC 4180 quoting); <paramref name="fileName"/> names the source in errors.</summary>
    public static GeneratedDirectory FromCsv(string text, string fileName)
    {
        var errors = new List<DirectoryImportError>();
        var rows = ReadCsv(text, fileName, errors);
        if (rows.Count == 0)
        {
            throw new DirectoryImportException([.. errors, new DirectoryImportError(fileName, 1, null, $"The file is empty; the first line must be the header {string.Join(',', Fields)}.")]);
        }

        var (headerLine, header) = rows[0];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var field = Fields.FirstOrDefault(known => string.Equals(known, header[i].Trim(), StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                errors.Add(new DirectoryImportError(fileName, headerLine, header[i], $"Unknown column; the columns are {string.Join(',', Fields)}."));
            }
            else
            {
                columns[field] = i;
            }
        }

        foreach (var missing in new[] { "kind", "displayName" }.Where(field => !columns.ContainsKey(field)))
        {
            errors.Add(new DirectoryImportError(fileName, headerLine, missing, "Required column is missing from the header."));
        }

        if (errors.Count > 0)
        {
            throw new DirectoryImportException(errors);
        }

        var records = new List<ImportRecord>();
        foreach (var (line, cells) in rows.Skip(1))
        {
            if (cells.Count == 1 && cells[0].Trim().Length == 0)
            {
                continue;
            }

            if (cells.Count > header.Count)
            {
                errors.Add(new DirectoryImportError(fileName, line, null, $"The row has {cells.Count} fields but the header has {header.Count}; quote fields that contain commas."));
                continue;
            }

            string? Cell(string field) =>
                columns.TryGetValue(field, out var index) && index < cells.Count && cells[index].Trim().Length > 0 ? cells[index].Trim() : null;

            records.Add(new ImportRecord(line, Cell("kind"), Cell("owner"), Cell("displayName"), Cell("userPrincipalName"), Cell("mail"),
                SplitNumbers(Cell("businessPhones")), SplitNumbers(Cell("homePhones")), Cell("mobilePhone")));
        }

        return Build(records, fileName, errors);
    }

    /// <summary>Reads JSON text: an array of objects with the import fields.</summary>
    public static GeneratedDirectory FromJson(string text, string fileName)
    {
        var errors = new List<DirectoryImportError>();
        var records = new List<ImportRecord>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new DirectoryImportException([new DirectoryImportError(fileName, (int)(exception.LineNumber ?? 0) + 1, null, $"Invalid JSON: {exception.Message}")]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new DirectoryImportException([new DirectoryImportError(fileName, 1, null, "The file must contain a JSON array of user and contact objects.")]);
            }

            var lines = ObjectStartLines(text);
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var line = index < lines.Count ? lines[index] : 1;
                index++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new DirectoryImportError(fileName, line, null, $"Expected an object, found {element.ValueKind}."));
                    continue;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (!Fields.Contains(property.Name))
                    {
                        errors.Add(new DirectoryImportError(fileName, line, property.Name, $"Unknown property; the properties are {string.Join(", ", Fields)}."));
                    }
                }

                records.Add(new ImportRecord(line,
                    JsonString(element, "kind", fileName, line, errors),
                    JsonString(element, "owner", fileName, line, errors),
                    JsonString(element, "displayName", fileName, line, errors),
                    JsonString(element, "userPrincipalName", fileName, line, errors),
                    JsonString(element, "mail", fileName, line, errors),
                    JsonNumbers(element, "businessPhones", fileName, line, errors),
                    JsonNumbers(element, "homePhones", fileName, line, errors),
                    JsonString(element, "mobilePhone", fileName, line, errors)));
            }
        }

        return Build(records, fileName, errors);
    }

    private static GeneratedDirectory Build(List<ImportRecord> records, string fileName, List<DirectoryImportError> errors)
    {
        var users = new List<FakeUser>();
        var userNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in records.Where(record => string.Equals(record.Kind, "user", StringComparison.OrdinalIgnoreCase)))
        {
            if (record.UserPrincipalName is null)
            {
                errors.Add(new DirectoryImportError(fileName, record.Line, "userPrincipalName", "A user needs a userPrincipalName."));
                continue;
            }

            if (!userNames.Add(record.UserPrincipalName))
            {
                errors.Add(new DirectoryImportError(fileName, record.Line, "userPrincipalName", $"'{record.UserPrincipalName}' appears on an earlier line; each user once."));
                continue;
            }

            if (record.HomePhones.Count > 0)
            {
                errors.Add(new DirectoryImportError(fileName, record.Line, "homePhones", "Entra users have no homePhones; leave it empty or make the row a contact."));
            }

            if (record.BusinessPhones.Count > 1)
            {
                errors.Add(new DirectoryImportError(fileName, record.Line, "businessPhones", "Graph allows one business phone per user; keep one number."));
            }

            users.Add(new FakeUser
            {
                Id = DeterministicId(record.UserPrincipalName),
                UserPrincipalName = record.UserPrincipalName,
                Mail = record.Mail,
                DisplayName = record.DisplayName,
                BusinessPhones = record.BusinessPhones,
                MobilePhone = record.MobilePhone,
            });
        }

        var contacts = new List<OwnedContact>();
        foreach (var record in records)
        {
            if (string.Equals(record.Kind, "user", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (record.Kind is null)
            {
                errors.Add(new DirectoryImportError(fileName, record.Line, "kind", "Missing; use user or contact."));
                continue;
            }

            if (!string.Equals(record.Kind, "contact", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new DirectoryImportError(fileName, record.Line, "kind", $"'{record.Kind}' is not a kind; use user or contact."));
                continue;
            }

            if (record.Owner is null)
            {
                errors.Add(new DirectoryImportError(fileName, record.Line, "owner", "A contact needs the userPrincipalName of its owner."));
                continue;
            }

            if (!userNames.Contains(record.Owner))
            {
                errors.Add(new DirectoryImportError(fileName, record.Line, "owner", $"No user '{record.Owner}' in the file; add a user row for the owner."));
                continue;
            }

            contacts.Add(new OwnedContact(record.Owner, new FakeContact
            {
                Id = $"contact-{record.Line}",
                DisplayName = record.DisplayName,
                BusinessPhones = record.BusinessPhones,
                HomePhones = record.HomePhones,
                MobilePhone = record.MobilePhone,
            }));
        }

        return errors.Count > 0 ? throw new DirectoryImportException(errors) : new GeneratedDirectory(users, contacts);
    }

    /// <summary>Splits CSV text into rows of fields with the line each row starts on; quotes may span lines.</summary>
    private static List<(int Line, List<string> Cells)> ReadCsv(string text, string fileName, List<DirectoryImportError> errors)
    {
        var rows = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var inQuotes = false;

        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            if (inQuotes)
            {
                if (character == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (character == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    line += character == '\n' ? 1 : 0;
                    cell.Append(character);
                }

                continue;
            }

            switch (character)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    rows.Add((rowLine, cells));
                    cells = [];
                    line++;
                    rowLine = line;
                    break;
                default:
                    cell.Append(character);
                    break;
            }
        }

        if (inQuotes)
        {
            errors.Add(new DirectoryImportError(fileName, rowLine, null, "A quoted field is never closed; add the closing '\"'."));
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add((rowLine, cells));
        }

        return rows;
    }

    /// <summary>Returns the 1-based line of each object at depth one of the array, in order.</summary>
    private static List<int> ObjectStartLines(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        var lines = new List<int>();
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.StartArray or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
            {
                var offset = (int)reader.TokenStartIndex;
                lines.Add(1 + bytes.AsSpan(0, offset).Count((byte)'\n'));
                reader.TrySkip();
            }
        }

        return lines;
    }

    private static string? JsonString(JsonElement element, string name, string fileName, int line, List<DirectoryImportError> errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new DirectoryImportError(fileName, line, name, $"Expected a string, found {value.ValueKind}."));
            return null;
        }

        var text = value.GetString()!.Trim();
        return text.Length > 0 ? text : null;
    }

    private static List<string> JsonNumbers(JsonElement element, string name, string fileName, int line, List<DirectoryImportError> errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return SplitNumbers(value.GetString());
        }

        if (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
        {
            return [.. value.EnumerateArray().Select(item => item.GetString()!.Trim()).Where(number => number.Length > 0)];
        }

        errors.Add(new DirectoryImportError(fileName, line, name, "Expected an array of strings or one string with numbers separated by ';'."));
        return [];
    }

    private static List<string> SplitNumbers(string? field) =>
        field is null ? [] : [.. field.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>A stable object id from the user principal name, so that imports of the same file agree.</summary>
    private static string DeterministicId(string userPrincipalName)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(userPrincipalName.ToLowerInvariant()));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private sealed record ImportRecord(
        int Line,
        string? Kind,
        string? Owner,
        string? DisplayName,
        string? UserPrincipalName,
        string? Mail,
        List<string> BusinessPhones,
        List<string> HomePhones,
        string? MobilePhone);
}
