using PbxLab.Core.History;

namespace PbxLab.Core.Storage;

/// <summary>Checks of a <see cref="CallHistoryQuery"/> that every store applies the same way.</summary>
public static class CallHistoryQueryRules
{
    public const int MinPageSize = 1;

    public const int MaxPageSize = 500;

    /// <summary>Validates the query and returns its decoded page token, or null on the first page.</summary>
    /// <exception cref="ArgumentException">The email is empty, the page size is outside 1..500, from is not before to, or the token is not one a store made.</exception>
    public static CallHistoryPageToken? Validate(CallHistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);

        if (string.IsNullOrWhiteSpace(query.UserEmail))
        {
            throw new ArgumentException("The user email is empty; pass the monitored user's email address.", nameof(query));
        }

        if (query.PageSize is < MinPageSize or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, $"The page size {query.PageSize} is outside {MinPageSize}..{MaxPageSize}; ask for fewer records per page.");
        }

        if (query.From is { } from && query.To is { } to && from >= to)
        {
            throw new ArgumentException($"The time range [{from:O}, {to:O}) is empty; from must be before to.", nameof(query));
        }

        if (query.PageToken is null)
        {
            return null;
        }

        if (!CallHistoryPageToken.TryDecode(query.PageToken, out var token))
        {
            throw new ArgumentException($"The page token '{query.PageToken}' is not one this store returned; start again without a token.", nameof(query));
        }

        return token;
    }

    /// <summary>The key used for case-insensitive email matching.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();
}
