namespace PbxLab.Simulators.Graph.Teams;

/// <summary>
/// State of a user's Teams client, which Teams counts as one presence session of that user.
/// </summary>
public enum TeamsClientState
{
    /// <summary>No Teams client is signed in, so it adds no session.</summary>
    NotRunning,

    /// <summary>Signed in but idle: Away/Away.</summary>
    Inactive,

    /// <summary>Signed in and in use: Available/Available.</summary>
    Active,

    /// <summary>In a Teams call: Busy/InACall.</summary>
    InCallOrMeeting,

    /// <summary>In a Teams meeting: Busy/InAMeeting.</summary>
    InMeeting,

    /// <summary>Presenting or focusing: DoNotDisturb/Presenting.</summary>
    Presenting,
}
