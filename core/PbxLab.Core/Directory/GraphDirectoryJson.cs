using System.Text.Json;
using PbxLab.Core.Numbers;

namespace PbxLab.Core.Directory;

/// <summary>Reads Graph collection pages of users and contacts; unknown and missing properties are tolerated.</summary>
internal static class GraphDirectoryJson
{
    /// <summary>
    /// Adds the items of one page and returns its @odata.nextLink, or false when the body is not a
    /// Graph collection ({"value": [...]}) or the next link is not an absolute URL.
    /// </summary>
    public static bool TryReadPage<T>(string body, Func<JsonElement, T?> read, List<T> items, out Uri? nextLink)
        where T : class
    {
        nextLink = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("value", out var value)
                || value.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var element in value.EnumerateArray())
            {
                if (read(element) is { } item)
                {
                    items.Add(item);
                }
            }

            if (ReadString(root, "@odata.nextLink") is { } link)
            {
                if (!Uri.TryCreate(link, UriKind.Absolute, out nextLink))
                {
                    return false;
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static EntraUserRecord? ReadUser(JsonElement user)
    {
        var id = ReadString(user, "id");
        return id is null
            ? null
            : new EntraUserRecord(id, ReadString(user, "displayName"), ReadString(user, "userPrincipalName"), ReadString(user, "mail"), ReadStrings(user, "businessPhones"), ReadString(user, "mobilePhone"));
    }

    public static OutlookContactRecord? ReadContact(JsonElement contact) =>
        contact.ValueKind != JsonValueKind.Object
            ? null
            : new OutlookContactRecord(ReadString(contact, "displayName"), ReadStrings(contact, "businessPhones"), ReadStrings(contact, "homePhones"), ReadString(contact, "mobilePhone"));

    private static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var property)
        && property.ValueKind == JsonValueKind.String
            ? property.GetString()
            : null;

    private static List<string> ReadStrings(JsonElement element, string name)
    {
        var values = new List<string>();
        if (element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(name, out var property)
            && property.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in property.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text)
                {
                    values.Add(text);
                }
            }
        }

        return values;
    }
}
