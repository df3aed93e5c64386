using PbxLab.Harness.Scenarios;

namespace PbxLab.Harness.Running;

/// <summary>One call record of a user as the core's REST API returned it.</summary>
public sealed record HistoryRecordObservation(
    string RecordId,
    string CallId,
    HistoryDirection Direction,
    HistoryOutcome Outcome,
    string? Number,
    string? E164,
    string? Name,
    HistoryNameSource NameSource,
    bool Internal,
    DateTimeOffset StartedAt,
    TimeSpan Duration);

/// <summary>One entry of a user's speed-dial view: a contact's display name and whether it can be a speed dial.</summary>
public sealed record SpeedDialObservation(string DisplayName, bool Available);
