using PbxLab.Core.Presence;

namespace PbxLab.Core.Links;

/// <summary>
/// Receives what a PBX link learns about its devices. A link calls these members from its own
/// I/O threads, so an implementation must be thread-safe and must not block.
/// </summary>
public interface IPbxLinkSink
{
    void OnLinkPhaseChanged(string linkName, PbxLinkPhase phase, string? reason);

    void OnMonitorStarted(string linkName, string deviceId, string monitorCrossRefId);

    /// <summary>
    /// A MonitorStart was answered with a CSTAErrorCode; <paramref name="errorCategory"/> is the
    /// CSTAErrorCode child element (for example systemResourceAvailibility) and
    /// <paramref name="errorValue"/> its text (for example overallMonitorLimitExceeded).
    /// </summary>
    void OnMonitorRefused(string linkName, string deviceId, string errorCategory, string errorValue);

    void OnLineStateChanged(string linkName, string deviceId, LineState lineState);

    void OnUserPresenceChanged(string linkName, string deviceId, PbxUserPresence presence);
}
