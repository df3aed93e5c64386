namespace PbxLab.Simulators.Graph.Directory;

/// <summary>
/// The part of OData on GET /users/{id}/contacts the fake understands: $select, $top and
/// $skiptoken. Parsing throws <see cref="UserQueryException"/> with Graph's code and a message
/// naming the offending value.
/// </summary>
public sealed record ContactQuery(IReadOnlyList<string> Select, int Top, int Offset)
{
    // NOTE: Outlook's documented default page size for contacts is 10; the maximum of 1000 is an
    // assumption the fake enforces so that a client sees a clear error beyond it.

    /// <summary>Page size for contacts without $top.</summary>
    public const int DefaultTop = 10;

    public const int MaxTop = 1000;

    /// <summary>Properties returned without $select.</summary>
    public static readonly IReadOnlyList<string> DefaultProperties =
    [
        "id", "displayName", "givenName", "surname", "businessPhones", "homePhones", "mobilePhone", "emailAddresses",
    ];

    private static readonly string[] SupportedOptions = ["$select", "$top", "$skiptoken"];

    /// <summary>Parses the query options; pairs are (name, value) with names as sent, for example "$top".</summary>
    public static ContactQuery Parse(IEnumerable<KeyValuePair<string, string>> options)
    {
        IReadOnlyList<string> select = DefaultProperties;
        var top = DefaultTop;
        var offset = 0;

        foreach (var (name, value) in options)
        {
            if (!name.StartsWith('$'))
            {
                continue;
            }

            switch (name.ToLowerInvariant())
            {
                case "$select":
                    select = ParseSelect(value);
                    break;
                case "$top":
                    top = ParseTop(value);
                    break;
                case "$skiptoken":
                    offset = UserQuery.DecodeSkipToken(value);
                    break;
                default:
                    throw new UserQueryException("ErrorInvalidUrlQuery",
                        $"The query option '{name}' is not supported by the fake Graph on /contacts; use {string.Join(", ", SupportedOptions)}.");
            }
        }

        return new ContactQuery(select, top, offset);
    }

    private static int ParseTop(string value)
    {
        if (!int.TryParse(value, out var top) || top < 1 || top > MaxTop)
        {
            throw new UserQueryException("ErrorInvalidUrlQuery", $"Invalid page size specified: '{value}'. Must be between 1 and {MaxTop} inclusive.");
        }

        return top;
    }

    private static string[] ParseSelect(string value)
    {
        var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            throw new UserQueryException("ErrorInvalidUrlQuery", "$select is empty; list properties such as displayName,businessPhones.");
        }

        // The id is always returned, as Outlook does for every entity.
        var selected = names.Select(name => DefaultProperties.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new UserQueryException("ErrorInvalidProperty",
                $"Could not find a property named '{name}' on type 'microsoft.graph.contact'. The fake Graph serves {string.Join(", ", DefaultProperties)}."));
        return ["id", .. selected.Where(name => name != "id")];
    }
}
