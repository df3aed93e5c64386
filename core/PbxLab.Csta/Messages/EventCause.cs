namespace PbxLab.Csta.Messages;

/// <summary>
/// Common values of the ECMA-323 EventCause. The wire text is the member name with a lower-case
/// first letter. A cause this enum does not list decodes as <see cref="Unspecified"/> rather than
/// failing, because switches add their own.
/// </summary>
public enum EventCause
{
    Unspecified,
    ActiveParticipation,
    Alternate,
    Busy,
    CallBack,
    CallCancelled,
    CallForward,
    CallForwardImmediate,
    CallForwardBusy,
    CallForwardNoAnswer,
    CallNotAnswered,
    CallPickup,
    CampOn,
    Conference,
    Consultation,
    DestNotObtainable,
    Distributed,
    DoNotDisturb,
    EnteringDistribution,
    KeyOperation,
    MakeCall,
    NetworkSignal,
    NewCall,
    NoAvailableAgents,
    Normal,
    NormalClearing,
    Overflow,
    Park,
    Recall,
    Redirected,
    SingleStepTransfer,
    Transfer,
}
