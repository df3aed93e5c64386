namespace PbxLab.Core.History;

/// <summary>Direction of a call as the monitored user saw it.</summary>
public enum CallDirection
{
    Incoming,
    Outgoing,
}

/// <summary>How a call ended for the monitored user.</summary>
public enum CallOutcome
{
    /// <summary>The user talked to the other party.</summary>
    Answered,

    /// <summary>An incoming call rang and was never answered by this user.</summary>
    Missed,

    /// <summary>The user or their device turned the call away (busy, do not disturb, reject).</summary>
    Rejected,

    /// <summary>An outgoing call never reached the other party (busy, unobtainable number).</summary>
    Failed,

    /// <summary>The call was diverted away from the user's device before it was answered.</summary>
    Forwarded,

    /// <summary>The user answered and then transferred the other party to someone else.</summary>
    TransferredAway,

    /// <summary>The call reached the user through someone else's transfer.</summary>
    TransferredIn,
}

/// <summary>Where the remote party's name came from.</summary>
public enum RemoteNameSource
{
    /// <summary>No name: no match, or the number is withheld.</summary>
    None,

    /// <summary>Entra directory: a user's businessPhones or mobilePhone.</summary>
    Directory,

    /// <summary>The monitored user's Outlook personal contacts.</summary>
    Contact,

    /// <summary>The owner of the PBX device, for an internal call: their Entra displayName, or their email when Entra has none.</summary>
    PbxDevice,

    /// <summary>The number matched two or more different people, so it is left unnamed.</summary>
    Ambiguous,
}

/// <summary>
/// One call in one monitored user's history. A call that involves two monitored users gives each of
/// them a record of their own.
/// </summary>
public sealed record CallRecord
{
    /// <summary>Idempotency key: the same call for the same user always gets the same id, so a replay or restart never stores it twice.</summary>
    public required string RecordId { get; init; }

    public required string UserEmail { get; init; }

    /// <summary>Name of the PBX link in the gateway configuration.</summary>
    public required string Link { get; init; }

    /// <summary>The PBX's callID of the call as the user's device first saw it.</summary>
    public required string CallId { get; init; }

    public required CallDirection Direction { get; init; }

    /// <summary>Directory number of the user's device.</summary>
    public required string LocalDevice { get; init; }

    /// <summary>The other party's number as the PBX presented it (with its prefixes), or null when withheld.</summary>
    public string? RemoteNumber { get; init; }

    /// <summary>The other party's number in E.164, or null when it cannot be normalised (withheld, internal).</summary>
    public string? RemoteNumberE164 { get; init; }

    public string? RemoteName { get; init; }

    public RemoteNameSource RemoteNameSource { get; init; }

    /// <summary>Whether the other party is a device of the same PBX.</summary>
    public bool IsInternal { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Talk time: from answer to end, zero for a call never answered.</summary>
    public TimeSpan Duration => AnsweredAt is { } answered && EndedAt > answered ? EndedAt - answered : TimeSpan.Zero;

    public required CallOutcome Outcome { get; init; }
}
