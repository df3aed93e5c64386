using PbxLab.Core.Presence;

namespace PbxLab.Core.Graph;

/// <summary>One presence write the gateway sent to Graph and Graph's response.</summary>
/// <param name="StatusCode">Final HTTP status after retries.</param>
/// <param name="Succeeded">True for 2xx, and for a 404 to clearPresence (no session was set).</param>
/// <param name="IsRefresh">True when the write renewed an unchanged session before it expired.</param>
public sealed record GraphWriteRecord(
    GraphPresenceWrite Write,
    int StatusCode,
    bool Succeeded,
    bool IsRefresh,
    DateTimeOffset Time,
    string RequestId);
