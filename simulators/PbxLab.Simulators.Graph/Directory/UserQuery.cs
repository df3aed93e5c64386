using System.Text;

namespace PbxLab.Simulators.Graph.Directory;

/// <summary>
/// The part of OData on GET /users the fake understands: $filter with eq on userPrincipalName or mail
/// joined by or, $select, $top (1..999, default 100) and $skiptoken. Parsing throws
/// <see cref="UserQueryException"/> with Graph's code and a message naming the offending value.
/// </summary>
public sealed record UserQuery(IReadOnlyList<UserQuery.Condition> Filter, IReadOnlyList<string> Select, int Top, int Offset)
{
    /// <summary>Page size Graph uses for /users without $top.</summary>
    public const int DefaultTop = 100;

    /// <summary>One "property eq 'value'" comparison; values match without regard to case.</summary>
    public sealed record Condition(string Property, string Value);

    /// <summary>Properties returned without $select, in Graph's documented default set.</summary>
    public static readonly IReadOnlyList<string> DefaultProperties =
    [
        "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone",
        "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id",
    ];

    private static readonly string[] FilterableProperties = ["userPrincipalName", "mail"];

    private static readonly string[] SupportedOptions = ["$filter", "$select", "$top", "$skiptoken"];

    /// <summary>Parses the query options; pairs are (name, value) with names as sent, for example "$filter".</summary>
    public static UserQuery Parse(IEnumerable<KeyValuePair<string, string>> options)
    {
        IReadOnlyList<Condition> filter = [];
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
                case "$filter":
                    filter = ParseFilter(value);
                    break;
                case "$select":
                    select = ParseSelect(value);
                    break;
                case "$top":
                    top = ParseTop(value);
                    break;
                case "$skiptoken":
                    offset = DecodeSkipToken(value);
                    break;
                default:
                    throw new UserQueryException("Request_UnsupportedQuery",
                        $"The query option '{name}' is not supported by the fake Graph on /users; use {string.Join(", ", SupportedOptions)}.");
            }
        }

        return new UserQuery(filter, select, top, offset);
    }

    /// <summary>Tells whether the user passes the filter (no conditions, or any condition true).</summary>
    public bool Matches(FakeUser user) =>
        Filter.Count == 0 || Filter.Any(condition => string.Equals(
            condition.Property == "mail" ? user.Mail : user.UserPrincipalName,
            condition.Value,
            StringComparison.OrdinalIgnoreCase));

    /// <summary>Encodes a page offset as an opaque $skiptoken.</summary>
    public static string EncodeSkipToken(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"pbxlab-offset:{offset}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static int DecodeSkipToken(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            if (text.StartsWith("pbxlab-offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan("pbxlab-offset:".Length), out var offset) && offset >= 0)
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        throw new UserQueryException("Request_BadRequest",
            $"The $skiptoken value '{token}' is not valid. Follow @odata.nextLink exactly as returned.");
    }

    private static int ParseTop(string value)
    {
        // Graph's own message for page sizes out of range.
        if (!int.TryParse(value, out var top) || top < 1 || top > 999)
        {
            throw new UserQueryException("Request_BadRequest", $"Invalid page size specified: '{value}'. Must be between 1 and 999 inclusive.");
        }

        return top;
    }

    private static string[] ParseSelect(string value)
    {
        var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            throw new UserQueryException("Request_BadRequest", "$select is empty; list properties such as id,displayName,mail.");
        }

        return [.. names.Select(name => DefaultProperties.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new UserQueryException("Request_BadRequest",
                $"Could not find a property named '{name}' on type 'microsoft.graph.user'. The fake Graph serves {string.Join(", ", DefaultProperties)}."))];
    }

    private static List<Condition> ParseFilter(string text)
    {
        var tokens = FilterTokenizer.Tokenize(text);
        var conditions = new List<Condition>();
        var index = 0;

        while (true)
        {
            // property eq 'value'
            var property = Expect(tokens, index++, FilterTokenKind.Word, "a property name", text);
            var canonical = FilterableProperties.FirstOrDefault(name => string.Equals(name, property.Text, StringComparison.OrdinalIgnoreCase))
                ?? throw Unsupported($"filtering on '{property.Text}'", text);

            var op = Expect(tokens, index++, FilterTokenKind.Word, "the operator eq", text);
            if (!string.Equals(op.Text, "eq", StringComparison.OrdinalIgnoreCase))
            {
                throw Unsupported($"the operator '{op.Text}'", text);
            }

            var value = Expect(tokens, index++, FilterTokenKind.String, "a quoted string such as 'a@contoso.com'", text);
            conditions.Add(new Condition(canonical, value.Text));

            if (index == tokens.Count)
            {
                return conditions;
            }

            var join = tokens[index++];
            if (join.Kind != FilterTokenKind.Word || !string.Equals(join.Text, "or", StringComparison.OrdinalIgnoreCase))
            {
                throw Unsupported($"'{join.Text}' between conditions", text);
            }
        }
    }

    private static FilterToken Expect(List<FilterToken> tokens, int index, FilterTokenKind kind, string expected, string text)
    {
        if (index >= tokens.Count)
        {
            throw new UserQueryException("BadRequest", $"Invalid filter clause: expected {expected} at the end of '{text}'.");
        }

        var token = tokens[index];
        if (token.Kind != kind)
        {
            throw kind == FilterTokenKind.Word && token.Kind == FilterTokenKind.Other
                ? Unsupported($"'{token.Text}'", text)
                : new UserQueryException("BadRequest", $"Invalid filter clause: expected {expected} but found '{token.Text}' in '{text}'.");
        }

        return token;
    }

    private static UserQueryException Unsupported(string clause, string text) => new("Request_UnsupportedQuery",
        $"Unsupported query: {clause} in $filter '{text}'. The fake Graph supports only userPrincipalName eq '...' and mail eq '...', joined by or.");
}

/// <summary>
/// A /users query option the fake rejects, with the Graph error code of the 400 response.
/// </summary>
public sealed class UserQueryException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
