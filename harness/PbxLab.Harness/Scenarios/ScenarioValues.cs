namespace PbxLab.Harness.Scenarios;

/// <summary>The core's combined presence of a user, what Mitel One shows.</summary>
public enum CloudLinkPresence
{
    Available,
    Busy,
    DoNotDisturb,
    Away,
    Offline,
    Unknown,
}

/// <summary>Line state a phone step puts the user's device in.</summary>
public enum PhoneState
{
    /// <summary>All of the user's calls are cleared.</summary>
    Available,

    /// <summary>The user is in an answered call with a helper device.</summary>
    Busy,
}

/// <summary>MiVoice Office 400 PBX user presence.</summary>
public enum PbxUserPresenceValue
{
    Available,
    Absent,
    Meeting,
    Busy,
    NotAvailable,
}

/// <summary>Mitel One presence; it is the PBX user presence under other names (Away is Absent).</summary>
public enum MitelOnePresence
{
    Available,
    Away,
    Busy,
    Meeting,
    NotAvailable,
}

/// <summary>State of the user's Teams client, which becomes a Teams client presence session in the fake Graph.</summary>
public enum TeamsClientState
{
    /// <summary>Not running or signed out: no session.</summary>
    Offline,

    /// <summary>Running but inactive: Away.</summary>
    Inactive,

    /// <summary>Active: Available.</summary>
    Active,

    /// <summary>In a Teams call or meeting: Busy.</summary>
    InCall,

    /// <summary>Presenting or focusing: DoNotDisturb.</summary>
    Presenting,
}

/// <summary>Microsoft Graph presence values, with the wire spelling of Graph v1.0.</summary>
public static class GraphPresenceValues
{
    /// <summary>Availability values of the Graph presence resource.</summary>
    public static readonly IReadOnlyList<string> Availabilities =
        ["Available", "AvailableIdle", "Away", "BeRightBack", "Busy", "BusyIdle", "DoNotDisturb", "Offline", "PresenceUnknown"];

    /// <summary>
    /// Activity values of the Graph presence resource, plus AvailableInactive, which Graph reports
    /// when an Available app session fades after five minutes without refresh.
    /// </summary>
    public static readonly IReadOnlyList<string> Activities =
    [
        "Available", "AvailableInactive", "Away", "BeRightBack", "Busy", "DoNotDisturb", "InACall", "InAConferenceCall",
        "Inactive", "InAMeeting", "Offline", "OffWork", "OutOfOffice", "PresenceUnknown", "Presenting",
        "UrgentInterruptionsOnly",
    ];

    /// <summary>availability/activity pairs that setUserPreferredPresence accepts (Graph v1.0).</summary>
    public static readonly IReadOnlyList<(string Availability, string Activity)> UserPreferredPairs =
    [
        ("Available", "Available"),
        ("Busy", "Busy"),
        ("DoNotDisturb", "DoNotDisturb"),
        ("BeRightBack", "BeRightBack"),
        ("Away", "Away"),
        ("Offline", "OffWork"),
    ];

    /// <summary>availability/activity pairs that setPresence accepts for an app session (Graph v1.0).</summary>
    public static readonly IReadOnlyList<(string Availability, string Activity)> AppSessionPairs =
    [
        ("Available", "Available"),
        ("Busy", "InACall"),
        ("Busy", "InAConferenceCall"),
        ("Away", "Away"),
        ("DoNotDisturb", "Presenting"),
    ];
}
