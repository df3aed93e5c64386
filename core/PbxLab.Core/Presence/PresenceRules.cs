namespace PbxLab.Core.Presence;

/// <summary>
/// The presence rules of the core, as pure functions: how a line state and a PBX user presence map
/// to CloudLink presence, how a user's states combine, and what the result writes to Graph.
/// </summary>
public static class PresenceRules
{
    /// <summary>
    /// Default for MiVoice Office 400 "Not available": Mitel's solution guide leaves the mapping open,
    /// so the core treats it as do not disturb unless the configuration sets another mapping.
    /// </summary>
    public const CloudLinkPresence DefaultNotAvailableMapping = CloudLinkPresence.DoNotDisturb;

    /// <summary>Maps the state of one line to CloudLink presence.</summary>
    public static CloudLinkPresence FromLineState(LineState lineState) => lineState switch
    {
        LineState.Available => CloudLinkPresence.Available,
        LineState.Busy => CloudLinkPresence.Busy,
        LineState.DoNotDisturb => CloudLinkPresence.DoNotDisturb,
        LineState.Offline => CloudLinkPresence.Offline,
        _ => throw new ArgumentOutOfRangeException(nameof(lineState), lineState, "Unknown line state."),
    };

    /// <summary>
    /// Maps MiVoice Office 400 user presence to CloudLink presence. Mitel One presence is the same
    /// value, so Mitel One Away arrives here as <see cref="PbxUserPresence.Absent"/>.
    /// </summary>
    public static CloudLinkPresence FromUserPresence(
        PbxUserPresence userPresence,
        CloudLinkPresence notAvailableMapsTo = DefaultNotAvailableMapping) => userPresence switch
    {
        PbxUserPresence.Available => CloudLinkPresence.Available,
        PbxUserPresence.Absent => CloudLinkPresence.Away,
        PbxUserPresence.Busy => CloudLinkPresence.Busy,
        PbxUserPresence.Meeting => CloudLinkPresence.Busy,
        PbxUserPresence.NotAvailable => notAvailableMapsTo,
        _ => throw new ArgumentOutOfRangeException(nameof(userPresence), userPresence, "Unknown PBX user presence."),
    };

    /// <summary>
    /// Returns the higher of two presences by the precedence
    /// Away &gt; DoNotDisturb &gt; Busy &gt; Available &gt; Offline &gt; Unknown.
    /// </summary>
    public static CloudLinkPresence Max(CloudLinkPresence left, CloudLinkPresence right) =>
        left >= right ? left : right;

    /// <summary>
    /// Combines all line states of a user and, on MiVoice Office 400, the PBX user presence
    /// (null where the profile has none or none is known yet). A user with no line state known yet
    /// is <see cref="CloudLinkPresence.Unknown"/>, even when their user presence is known.
    /// </summary>
    public static CloudLinkPresence Combine(
        IEnumerable<LineState> lineStates,
        PbxUserPresence? userPresence,
        CloudLinkPresence notAvailableMapsTo = DefaultNotAvailableMapping)
    {
        ArgumentNullException.ThrowIfNull(lineStates);

        var combined = CloudLinkPresence.Unknown;
        var anyLineState = false;
        foreach (var lineState in lineStates)
        {
            anyLineState = true;
            combined = Max(combined, FromLineState(lineState));
        }

        if (!anyLineState)
        {
            return CloudLinkPresence.Unknown;
        }

        if (userPresence is { } presence)
        {
            combined = Max(combined, FromUserPresence(presence, notAvailableMapsTo));
        }

        return combined;
    }

    /// <summary>
    /// Maps CloudLink presence to the write on the core's app presence session. DoNotDisturb becomes
    /// DoNotDisturb/Presenting because that is the only do-not-disturb pair Graph's setPresence
    /// accepts from an app (Graph v1.0 setPresence, supported pairs).
    /// </summary>
    public static GraphPresenceWrite ToGraphWrite(CloudLinkPresence presence) => presence switch
    {
        CloudLinkPresence.Busy => GraphPresenceWrite.Set("Busy", "InACall"),
        CloudLinkPresence.DoNotDisturb => GraphPresenceWrite.Set("DoNotDisturb", "Presenting"),
        CloudLinkPresence.Away => GraphPresenceWrite.Set("Away", "Away"),

        // Available clears instead of writing Available: Teams ranks sessions
        // DoNotDisturb > Busy > Available > Away and shows Offline only when no session exists, so an
        // app session saying Available would outrank a Teams client that is Away, or turn a user with
        // no Teams client from Offline into Available. Offline and Unknown have no app pair at all.
        CloudLinkPresence.Available => GraphPresenceWrite.Clear,
        CloudLinkPresence.Offline => GraphPresenceWrite.Clear,
        CloudLinkPresence.Unknown => GraphPresenceWrite.Clear,
        _ => throw new ArgumentOutOfRangeException(nameof(presence), presence, "Unknown CloudLink presence."),
    };
}
