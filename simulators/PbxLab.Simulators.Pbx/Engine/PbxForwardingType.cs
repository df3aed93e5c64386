namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>Call forwarding of a device. Each value is the ECMA-269 ForwardingType in brackets.</summary>
public enum PbxForwardingType
{
    /// <summary>Every call goes to the destination without ringing (forwardImmediate).</summary>
    Immediate,

    /// <summary>Calls go to the destination while the device has a call (forwardBusy).</summary>
    Busy,

    /// <summary>A call that rings unanswered for the ring timeout goes to the destination (forwardNoAns).</summary>
    NoAnswer,
}
