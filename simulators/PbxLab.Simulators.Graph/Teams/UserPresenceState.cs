using System.Collections.Immutable;

namespace PbxLab.Simulators.Graph.Teams;

/// <summary>
/// An app presence session created by setPresence, keyed by its sessionId.
/// </summary>
public sealed record AppSession(string SessionId, PresenceView Value, DateTimeOffset LastSetAt, DateTimeOffset ExpiresAt);

/// <summary>
/// User-preferred presence set by setUserPreferredPresence (or by the user in Teams) with its expiry.
/// </summary>
public sealed record PreferredPresence(PresenceView Value, DateTimeOffset ExpiresAt);

/// <summary>
/// Every presence input of one user at one moment. Immutable, so the model can keep past states for
/// the Teams client lag.
/// </summary>
public sealed record UserPresenceState(
    TeamsClientState TeamsClient,
    ImmutableSortedDictionary<string, AppSession> AppSessions,
    PreferredPresence? Preferred)
{
    /// <summary>Initial state of a user: no Teams client, no app sessions, no preferred presence.</summary>
    public static UserPresenceState Empty { get; } =
        new(TeamsClientState.NotRunning, ImmutableSortedDictionary.Create<string, AppSession>(StringComparer.Ordinal), null);

    /// <summary>Returns this state without the app sessions that expired at or before the given time.</summary>
    public UserPresenceState WithoutExpiredSessions(DateTimeOffset at)
    {
        var expired = AppSessions.Values.Where(session => session.ExpiresAt <= at).Select(session => session.SessionId).ToList();
        return expired.Count == 0 ? this : this with { AppSessions = AppSessions.RemoveRange(expired) };
    }
}
