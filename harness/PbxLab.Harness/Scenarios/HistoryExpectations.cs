namespace PbxLab.Harness.Scenarios;

/// <summary>Direction of a call in a user's history, as the user saw it.</summary>
public enum HistoryDirection
{
    Incoming,
    Outgoing,
}

/// <summary>How a call ended for the user, with the core's outcome names.</summary>
public enum HistoryOutcome
{
    Answered,
    Missed,
    Rejected,
    Failed,
    Forwarded,
    TransferredAway,
    TransferredIn,
}

/// <summary>Where the core found the remote party's name.</summary>
public enum HistoryNameSource
{
    None,
    Directory,
    Contact,
    PbxDevice,
    Ambiguous,
}

/// <summary>
/// What one call record must look like. Every field is optional; a null field is not checked.
/// Number, E164 and Name use <see cref="HistoryRecordExpectation.Absent"/> for "the record has none"
/// (a withheld number, a number that cannot be normalised, a party without a name).
/// Duration is compared within Tolerance.
/// </summary>
public sealed record HistoryRecordExpectation(
    SourceLocation Location,
    HistoryDirection? Direction,
    HistoryOutcome? Outcome,
    string? Number,
    string? E164,
    string? Name,
    HistoryNameSource? NameSource,
    bool? Internal,
    TimeSpan? Duration,
    TimeSpan Tolerance)
{
    /// <summary>The value that stands for "no value" in number, e164 and name.</summary>
    public const string Absent = "none";

    /// <summary>How far a record's duration may be from the expected one when tolerance is left out.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Expects the user's call history, read from the core's REST API, to reach a state within a
/// deadline: Count records in all, and when Records is set, exactly those records in call order
/// (oldest first), each matching its expectation.
/// </summary>
public sealed record ExpectHistoryStep(
    SourceLocation Location,
    string User,
    int? Count,
    IReadOnlyList<HistoryRecordExpectation>? Records,
    TimeSpan Within) : ScenarioStep(Location)
{
    public override string Kind => "expectHistory";

    public override string Describe()
    {
        var count = Count ?? Records?.Count;
        return $"expectHistory {User} {count} record{(count == 1 ? "" : "s")} within {DurationText.Format(Within)}";
    }
}

/// <summary>
/// Expects the user's speed-dial view, read from the core's REST API, to be exactly these contacts
/// by display name: Available ones have a home, business or mobile number, NotAvailable ones have none.
/// </summary>
public sealed record ExpectSpeedDialsStep(
    SourceLocation Location,
    string User,
    IReadOnlyList<string> Available,
    IReadOnlyList<string> NotAvailable,
    TimeSpan Within) : ScenarioStep(Location)
{
    public override string Kind => "expectSpeedDials";

    public override string Describe() =>
        $"expectSpeedDials {User} available [{string.Join(", ", Available)}] not available [{string.Join(", ", NotAvailable)}]";
}
