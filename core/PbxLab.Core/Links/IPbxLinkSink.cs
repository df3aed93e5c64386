using PbxLab.Core.Presence;
using PbxLab.Csta.Messages;

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

    /// <summary>
    /// A call-related event of a monitored device (ServiceInitiated, Originated, Delivered,
    /// Established, ConnectionCleared, CallCleared, Failed, Held, Retrieved, Diverted, Transfered,
    /// Conferenced), delivered in arrival order after the link has applied it to the line state.
    /// The default does nothing, so sinks without call history need not implement it.
    /// </summary>
    void OnCallEvent(string linkName, string deviceId, CstaEvent cstaEvent)
    {
    }

    /// <summary>
    /// The calls a SnapshotDevice found at a monitored device after a (re)connect, each with its
    /// callID and the device's local connection state. The default does nothing.
    /// </summary>
    void OnDeviceSnapshot(string linkName, string deviceId, IReadOnlyList<DeviceCall> calls)
    {
    }
}
