using System.Globalization;
using System.Text.Json;
using PbxLab.Harness.Running;
using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.World;

/// <summary>
/// Reads a user's call history and speed dials from the core's REST API, over real HTTP, the way
/// a client of the core would. Every page of the history is followed through @nextLink.
/// </summary>
internal sealed class WorldCoreApi : IDisposable
{
    // The harness reads a case's whole history; a case makes at most a few hundred calls.
    private const int MaxPages = 100;

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<IReadOnlyList<HistoryRecordObservation>> GetHistoryAsync(Uri apiBase, string email, CancellationToken cancellationToken)
    {
        var records = new List<HistoryRecordObservation>();
        Uri? next = new(apiBase, $"api/users/{Uri.EscapeDataString(email)}/call-history?pageSize=200");

        for (var page = 0; next is not null; page++)
        {
            if (page == MaxPages)
            {
                throw new InvalidOperationException($"The call history of {email} has more than {MaxPages} pages; the core's paging does not end.");
            }

            using var document = await GetJsonAsync(next, cancellationToken).ConfigureAwait(false);
            foreach (var item in document.RootElement.GetProperty("value").EnumerateArray())
            {
                records.Add(ReadRecord(item));
            }

            next = document.RootElement.TryGetProperty("@nextLink", out var link) && link.GetString() is { } text ? new Uri(text) : null;
        }

        // Calls that start at the same scenario time (a rejected call and the next call placed at
        // once) keep the order the PBX placed them in: the simulator numbers its callIDs upwards.
        return
        [
            .. records
                .OrderBy(record => record.StartedAt)
                .ThenBy(record => record.CallId.Length)
                .ThenBy(record => record.CallId, StringComparer.Ordinal)
                .ThenBy(record => record.RecordId, StringComparer.Ordinal),
        ];
    }

    public async Task<IReadOnlyList<SpeedDialObservation>> GetSpeedDialsAsync(Uri apiBase, string email, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(new Uri(apiBase, $"api/users/{Uri.EscapeDataString(email)}/speed-dials"), cancellationToken)
            .ConfigureAwait(false);
        return
        [
            .. document.RootElement.GetProperty("value").EnumerateArray()
                .Select(item => new SpeedDialObservation(item.GetProperty("displayName").GetString() ?? "", item.GetProperty("eligible").GetBoolean())),
        ];
    }

    public void Dispose() => _http.Dispose();

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"GET {uri.PathAndQuery} at the core returned {(int)response.StatusCode}: {body}");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static HistoryRecordObservation ReadRecord(JsonElement item) => new(
        item.GetProperty("recordId").GetString() ?? "",
        item.GetProperty("callId").GetString() ?? "",
        ParseEnum<HistoryDirection>(item, "direction"),
        ParseEnum<HistoryOutcome>(item, "outcome"),
        item.GetProperty("remoteNumber").GetString(),
        item.GetProperty("remoteNumberE164").GetString(),
        item.GetProperty("remoteName").GetString(),
        ParseEnum<HistoryNameSource>(item, "remoteNameSource"),
        item.GetProperty("isInternal").GetBoolean(),
        DateTimeOffset.Parse(item.GetProperty("startedAt").GetString() ?? "", CultureInfo.InvariantCulture),
        TimeSpan.FromSeconds(item.GetProperty("durationSeconds").GetDouble()));

    private static TEnum ParseEnum<TEnum>(JsonElement item, string property)
        where TEnum : struct, Enum
    {
        var text = item.GetProperty(property).GetString();
        return Enum.TryParse<TEnum>(text, ignoreCase: true, out var value)
            ? value
            : throw new InvalidOperationException($"The core's API returned {property} '{text}', which the harness does not know.");
    }
}
