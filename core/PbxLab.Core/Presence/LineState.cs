namespace PbxLab.Core.Presence;

/// <summary>
/// State of one PBX line as the core derives it from CSTA events. Alerting alone is not a state:
/// a ringing device keeps whatever state it had before the call was offered.
/// </summary>
public enum LineState
{
    /// <summary>No call on the device.</summary>
    Available,

    /// <summary>A call that is initiated, connected, held or queued.</summary>
    Busy,

    /// <summary>Do not disturb is on.</summary>
    DoNotDisturb,

    /// <summary>The device is out of service, or the link to its PBX is down.</summary>
    Offline,
}
