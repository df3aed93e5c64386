namespace PbxLab.Simulators.Graph.Teams;

/// <summary>
/// Presence of every user of the fake tenant, keyed by user object id, on an injected clock.
/// Thread-safe: one lock guards all users.
/// </summary>
/// <remarks>
/// Teams clients poll Graph, so what a person sees lags behind. The model keeps the past states of each
/// user, and <see cref="GetPresence"/> returns the view as of now minus the lag: the state that was in
/// force at that moment, evaluated at that moment (fades and expiries included).
/// </remarks>
public sealed class TeamsPresenceModel
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Snapshot>> _histories = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a model whose lagged view trails the clock by <paramref name="teamsClientLag"/>.</summary>
    public TeamsPresenceModel(TimeProvider timeProvider, TimeSpan teamsClientLag)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(teamsClientLag, TimeSpan.Zero);

        _timeProvider = timeProvider;
        TeamsClientLag = teamsClientLag;
    }

    /// <summary>Delay between a change and the moment <see cref="GetPresence"/> shows it.</summary>
    public TimeSpan TeamsClientLag { get; }

    /// <summary>Sets the state of the user's Teams client.</summary>
    public void SetTeamsClient(string userId, TeamsClientState state) =>
        Update(userId, current => current with { TeamsClient = state });

    /// <summary>Creates or refreshes the app session <paramref name="sessionId"/> (setPresence).</summary>
    public AppSessionView SetAppSession(string userId, string sessionId, PresenceView value, TimeSpan expiration)
    {
        var now = _timeProvider.GetUtcNow();
        var session = new AppSession(sessionId, value, now, now + expiration);

        Update(userId, current => current with { AppSessions = current.AppSessions.SetItem(sessionId, session) });
        return new AppSessionView(sessionId, value.Availability, value.Activity, now, session.ExpiresAt);
    }

    /// <summary>Removes an app session (clearPresence); returns false when it does not exist or expired.</summary>
    public bool ClearAppSession(string userId, string sessionId)
    {
        var removed = false;
        Update(userId, current =>
        {
            removed = current.AppSessions.ContainsKey(sessionId);
            return removed ? current with { AppSessions = current.AppSessions.Remove(sessionId) } : current;
        });

        return removed;
    }

    /// <summary>
    /// Sets user-preferred presence. Without an expiration it lasts 1 day for DoNotDisturb or Busy and
    /// 7 days otherwise, the defaults of setUserPreferredPresence.
    /// </summary>
    public PreferredPresence SetPreferredPresence(string userId, PresenceView value, TimeSpan? expiration = null)
    {
        var lifetime = expiration ?? DefaultPreferredExpiration(value);
        var preferred = new PreferredPresence(value, _timeProvider.GetUtcNow() + lifetime);

        Update(userId, current => current with { Preferred = preferred });
        return preferred;
    }

    /// <summary>Removes user-preferred presence; does nothing when none is set.</summary>
    public void ClearPreferredPresence(string userId) =>
        Update(userId, current => current with { Preferred = null });

    /// <summary>Returns what other Teams users see now, as of now minus <see cref="TeamsClientLag"/>.</summary>
    public PresenceView GetPresence(string userId)
    {
        var at = _timeProvider.GetUtcNow() - TeamsClientLag;
        lock (_lock)
        {
            return TeamsAggregation.Evaluate(StateAt(userId, at), at);
        }
    }

    /// <summary>Returns the presence Graph stores right now, without the Teams client lag.</summary>
    public PresenceView GetCurrentPresence(string userId)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            return TeamsAggregation.Evaluate(StateAt(userId, now), now);
        }
    }

    /// <summary>Returns the current inputs of a user, with expired sessions removed.</summary>
    public UserPresenceState GetState(string userId)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            return StateAt(userId, now).WithoutExpiredSessions(now);
        }
    }

    /// <summary>Returns an app session at the current time (faded value, expiry), or null when absent or expired.</summary>
    public AppSessionView? GetAppSession(string userId, string sessionId)
    {
        var now = _timeProvider.GetUtcNow();
        if (!GetState(userId).AppSessions.TryGetValue(sessionId, out var session))
        {
            return null;
        }

        var value = TeamsAggregation.FadedValue(session, now);
        return new AppSessionView(sessionId, value.Availability, value.Activity, session.LastSetAt, session.ExpiresAt);
    }

    /// <summary>Returns the default lifetime of user-preferred presence for the given value.</summary>
    public static TimeSpan DefaultPreferredExpiration(PresenceView value) =>
        value.Availability is "DoNotDisturb" or "Busy" ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);

    private void Update(string userId, Func<UserPresenceState, UserPresenceState> change)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (!_histories.TryGetValue(userId, out var history))
            {
                history = [];
                _histories.Add(userId, history);
            }

            var current = history.Count == 0 ? UserPresenceState.Empty : history[^1].State;
            var next = change(current.WithoutExpiredSessions(now));
            history.Add(new Snapshot(now, next));

            Prune(history, now - TeamsClientLag);
        }
    }

    private UserPresenceState StateAt(string userId, DateTimeOffset at)
    {
        if (!_histories.TryGetValue(userId, out var history))
        {
            return UserPresenceState.Empty;
        }

        for (var index = history.Count - 1; index >= 0; index--)
        {
            if (history[index].At <= at)
            {
                return history[index].State;
            }
        }

        return UserPresenceState.Empty;
    }

    // Keeps the newest snapshot at or before the lagged moment and everything after it. Older snapshots
    // cannot be read again because the clock only moves forward.
    private static void Prune(List<Snapshot> history, DateTimeOffset laggedNow)
    {
        var keepFrom = history.FindLastIndex(snapshot => snapshot.At <= laggedNow);
        if (keepFrom > 0)
        {
            history.RemoveRange(0, keepFrom);
        }
    }

    private readonly record struct Snapshot(DateTimeOffset At, UserPresenceState State);
}
