namespace PbxLab.Simulators.Graph.Teams;

/// <summary>
/// Presence as Graph reports it, with Graph's PascalCase values (for example Busy/InACall).
/// </summary>
public sealed record PresenceView(string Availability, string Activity)
{
    /// <summary>Presence of a user with no presence session.</summary>
    public static PresenceView Offline { get; } = new("Offline", "Offline");

    public override string ToString() => $"{Availability}/{Activity}";
}

/// <summary>
/// One app presence session at a given time: its value after the Available fade, and its expiry.
/// </summary>
public sealed record AppSessionView(string SessionId, string Availability, string Activity, DateTimeOffset LastSetAt, DateTimeOffset ExpiresAt);
