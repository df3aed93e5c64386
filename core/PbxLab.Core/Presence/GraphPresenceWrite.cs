namespace PbxLab.Core.Presence;

/// <summary>
/// What the core writes to a user's app presence session in Microsoft Graph: either setPresence
/// with an availability/activity pair, or clearPresence (no app session at all).
/// </summary>
public sealed record GraphPresenceWrite
{
    private GraphPresenceWrite(string? availability, string? activity)
    {
        Availability = availability;
        Activity = activity;
    }

    /// <summary>The clearPresence write.</summary>
    public static GraphPresenceWrite Clear { get; } = new(null, null);

    /// <summary>Graph availability for setPresence, or null for clearPresence.</summary>
    public string? Availability { get; }

    /// <summary>Graph activity for setPresence, or null for clearPresence.</summary>
    public string? Activity { get; }

    public bool IsClear => Availability is null;

    /// <summary>Creates a setPresence write with the availability/activity pair Graph accepts from apps.</summary>
    public static GraphPresenceWrite Set(string availability, string activity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(availability);
        ArgumentException.ThrowIfNullOrWhiteSpace(activity);
        return new GraphPresenceWrite(availability, activity);
    }

    public override string ToString() => IsClear ? "clearPresence" : $"setPresence {Availability}/{Activity}";
}
