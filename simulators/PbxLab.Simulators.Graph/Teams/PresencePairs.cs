namespace PbxLab.Simulators.Graph.Teams;

/// <summary>
/// The availability/activity pairs Graph v1.0 accepts, matched without regard to case and returned in
/// Graph's PascalCase spelling.
/// </summary>
public static class PresencePairs
{
    // Source: Microsoft Graph v1.0 presence: setPresence, table of supported combinations (2026 page).
    private static readonly PresenceView[] SetPresencePairs =
    [
        new("Available", "Available"),
        new("Busy", "InACall"),
        new("Busy", "InAConferenceCall"),
        new("Away", "Away"),
        new("DoNotDisturb", "Presenting"),
    ];

    // Source: Microsoft Graph v1.0 presence: setUserPreferredPresence, table of supported combinations.
    private static readonly PresenceView[] PreferredPresencePairs =
    [
        new("Available", "Available"),
        new("Busy", "Busy"),
        new("DoNotDisturb", "DoNotDisturb"),
        new("BeRightBack", "BeRightBack"),
        new("Away", "Away"),
        new("Offline", "OffWork"),
    ];

    /// <summary>Pairs that setPresence accepts, as "Availability/Activity" text for error messages.</summary>
    public static string SetPresenceList => string.Join(", ", SetPresencePairs.Select(pair => pair.ToString()));

    /// <summary>Pairs that setUserPreferredPresence accepts, as "Availability/Activity" text.</summary>
    public static string PreferredPresenceList => string.Join(", ", PreferredPresencePairs.Select(pair => pair.ToString()));

    /// <summary>Finds the setPresence pair matching the given values, or returns null when Graph rejects it.</summary>
    public static PresenceView? FindSetPresencePair(string availability, string activity) =>
        Find(SetPresencePairs, availability, activity);

    /// <summary>Finds the setUserPreferredPresence pair matching the given values, or returns null.</summary>
    public static PresenceView? FindPreferredPresencePair(string availability, string activity) =>
        Find(PreferredPresencePairs, availability, activity);

    private static PresenceView? Find(PresenceView[] pairs, string availability, string activity) =>
        pairs.FirstOrDefault(pair =>
            string.Equals(pair.Availability, availability, StringComparison.OrdinalIgnoreCase)
            && string.Equals(pair.Activity, activity, StringComparison.OrdinalIgnoreCase));
}
