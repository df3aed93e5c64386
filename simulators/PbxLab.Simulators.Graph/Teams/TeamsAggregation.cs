namespace PbxLab.Simulators.Graph.Teams;

/// <summary>
/// Computes what other Teams users see from one user's presence inputs at a given time.
/// </summary>
/// <remarks>
/// Rules from Microsoft Graph "Manage presence state". User-preferred presence overrides the sessions
/// while at least one session exists. Among sessions, DoNotDisturb &gt; Busy &gt; Available &gt; Away.
/// An Available app session fades to Available/AvailableInactive after 5 minutes without a refresh and
/// to Away/Away after another 5. With no session the user is Offline/Offline.
/// </remarks>
public static class TeamsAggregation
{
    /// <summary>Time without setPresence after which an Available app session shows AvailableInactive.</summary>
    public static readonly TimeSpan FirstFade = TimeSpan.FromMinutes(5);

    /// <summary>Time without setPresence after which an Available app session shows Away.</summary>
    public static readonly TimeSpan SecondFade = TimeSpan.FromMinutes(10);

    /// <summary>Computes the presence others see for the given inputs at the given time.</summary>
    public static PresenceView Evaluate(UserPresenceState state, DateTimeOffset at)
    {
        var sessions = SessionValues(state, at).ToList();

        var preferred = state.Preferred is { } set && set.ExpiresAt > at ? set.Value : null;
        if (sessions.Count == 0)
        {
            // NOTE: Graph documents only that a user without sessions shows Offline. A user who chose
            // "Appear offline" (Offline/OffWork) is shown with OffWork, as Teams does while signed in.
            return preferred is { Availability: "Offline", Activity: "OffWork" } ? preferred : PresenceView.Offline;
        }

        if (preferred is not null)
        {
            return preferred;
        }

        // The first session of the highest rank wins: the Teams client, then app sessions by sessionId.
        var best = sessions[0];
        foreach (var session in sessions.Skip(1))
        {
            if (Rank(session) > Rank(best))
            {
                best = session;
            }
        }

        return best;
    }

    /// <summary>Returns the session a Teams client in the given state adds, or null when it adds none.</summary>
    public static PresenceView? TeamsClientSession(TeamsClientState state) => state switch
    {
        TeamsClientState.NotRunning => null,
        TeamsClientState.Inactive => new PresenceView("Away", "Away"),
        TeamsClientState.Active => new PresenceView("Available", "Available"),
        TeamsClientState.InCallOrMeeting => new PresenceView("Busy", "InACall"),
        TeamsClientState.InMeeting => new PresenceView("Busy", "InAMeeting"),
        TeamsClientState.Presenting => new PresenceView("DoNotDisturb", "Presenting"),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown Teams client state."),
    };

    /// <summary>Returns the value an app session shows at the given time, after the Available fade.</summary>
    public static PresenceView FadedValue(AppSession session, DateTimeOffset at)
    {
        if (!string.Equals(session.Value.Availability, "Available", StringComparison.Ordinal))
        {
            return session.Value;
        }

        var sinceLastSet = at - session.LastSetAt;
        if (sinceLastSet >= SecondFade)
        {
            return new PresenceView("Away", "Away");
        }

        return sinceLastSet >= FirstFade ? new PresenceView("Available", "AvailableInactive") : session.Value;
    }

    private static IEnumerable<PresenceView> SessionValues(UserPresenceState state, DateTimeOffset at)
    {
        if (TeamsClientSession(state.TeamsClient) is { } client)
        {
            yield return client;
        }

        foreach (var session in state.AppSessions.Values)
        {
            if (session.ExpiresAt > at)
            {
                yield return FadedValue(session, at);
            }
        }
    }

    private static int Rank(PresenceView session) => session.Availability switch
    {
        "DoNotDisturb" => 4,
        "Busy" => 3,
        "Available" => 2,
        "Away" => 1,
        _ => 0,
    };
}
