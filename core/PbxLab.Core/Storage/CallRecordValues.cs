using PbxLab.Core.History;

namespace PbxLab.Core.Storage;

/// <summary>Conversions between <see cref="CallRecord"/> values and the columns both stores use.</summary>
internal static class CallRecordValues
{
    /// <summary>Truncates to whole milliseconds in UTC, the precision both stores keep.</summary>
    public static DateTimeOffset ToStoredTime(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    public static TEnum ParseEnum<TEnum>(string text, string column, string recordId)
        where TEnum : struct, Enum
    {
        if (Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        throw new CallHistoryStoreException($"Record '{recordId}' has {column} '{text}', which this version does not know; it was probably written by a newer PbxLab. Run that version, or delete the record.");
    }

    /// <summary>Splits a page of rows read with one extra row into the page and the token for the next one.</summary>
    public static CallHistoryPage ToPage(List<CallRecord> rows, int pageSize)
    {
        if (rows.Count <= pageSize)
        {
            return new CallHistoryPage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return new CallHistoryPage(rows, CallHistoryPageToken.After(last.StartedAt, last.RecordId).Encode());
    }
}
