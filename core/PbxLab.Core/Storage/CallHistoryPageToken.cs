using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PbxLab.Core.Storage;

/// <summary>
/// The continuation token of a call-history page: the key (started_at, record_id) of the last record
/// on the page, as base64url of "v1:{unix milliseconds}:{record id}". The next page starts strictly
/// after that key, so records inserted meanwhile never shift a page as OFFSET paging would.
/// </summary>
public readonly record struct CallHistoryPageToken(long StartedAtUnixMilliseconds, string RecordId)
{
    private const string Prefix = "v1:";

    public static CallHistoryPageToken After(DateTimeOffset startedAt, string recordId) =>
        new(startedAt.ToUnixTimeMilliseconds(), recordId);

    public string Encode()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{StartedAtUnixMilliseconds}:{RecordId}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Decodes a token made by <see cref="Encode"/>; returns false for anything else.</summary>
    public static bool TryDecode(string? token, out CallHistoryPageToken result)
    {
        result = default;
        if (string.IsNullOrEmpty(token) || token.Length > 2048 || !Base64Url.IsValid(token))
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(token));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException)
        {
            return false;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon <= 0
            || !long.TryParse(rest[..colon], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            || colon == rest.Length - 1)
        {
            return false;
        }

        result = new CallHistoryPageToken(milliseconds, rest[(colon + 1)..].ToString());
        return true;
    }
}
