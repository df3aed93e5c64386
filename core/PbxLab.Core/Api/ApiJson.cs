using System.Globalization;
using System.Text.Json;
using System.Xml;
using PbxLab.Core.History;

namespace PbxLab.Core.Api;

/// <summary>JSON shapes of the API: camelCase names, enums as camelCase strings, times in UTC ISO 8601.</summary>
internal static class ApiJson
{
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static void WriteRecord(Utf8JsonWriter json, CallRecord record)
    {
        json.WriteStartObject();
        json.WriteString("recordId", record.RecordId);
        json.WriteString("userEmail", record.UserEmail);
        json.WriteString("link", record.Link);
        json.WriteString("callId", record.CallId);
        json.WriteString("direction", CamelCase(record.Direction));
        json.WriteString("localDevice", record.LocalDevice);
        json.WriteString("remoteNumber", record.RemoteNumber);
        json.WriteString("remoteNumberE164", record.RemoteNumberE164);
        json.WriteString("remoteName", record.RemoteName);
        json.WriteString("remoteNameSource", CamelCase(record.RemoteNameSource));
        json.WriteBoolean("isInternal", record.IsInternal);
        json.WriteString("startedAt", FormatTime(record.StartedAt));
        json.WriteString("answeredAt", record.AnsweredAt is { } answered ? FormatTime(answered) : null);
        json.WriteString("endedAt", FormatTime(record.EndedAt));
        json.WriteString("duration", XmlConvert.ToString(record.Duration));
        json.WriteNumber("durationSeconds", record.Duration.TotalSeconds);
        json.WriteString("outcome", CamelCase(record.Outcome));
        json.WriteEndObject();
    }

    public static void WriteSpeedDial(Utf8JsonWriter json, SpeedDialEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("displayName", entry.DisplayName);
        json.WriteBoolean("eligible", entry.Eligible);
        json.WriteString("status", entry.Eligible ? "AVAILABLE" : "NOT AVAILABLE");
        json.WriteStartArray("numbers");
        foreach (var number in entry.Numbers)
        {
            json.WriteStartObject();
            json.WriteString("type", CamelCase(number.Type));
            json.WriteString("number", number.Number);
            json.WriteString("e164", number.E164);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string CamelCase<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return string.Concat(name[..1].ToLowerInvariant(), name[1..]);
    }
}
