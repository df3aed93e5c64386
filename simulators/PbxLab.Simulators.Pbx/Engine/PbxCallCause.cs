namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>Why a call event happened; each value is an ECMA-269 EventCause of the same name.</summary>
public enum PbxCallCause
{
    /// <summary>A device went off-hook and dialled (ECMA-269 newCall).</summary>
    NewCall,

    /// <summary>A CSTA client placed the call with MakeCall (ECMA-269 makeCall).</summary>
    MakeCall,

    NormalClearing,

    Busy,

    DoNotDisturb,

    /// <summary>The dialled number belongs to no device (ECMA-269 destNotObtainable).</summary>
    DestNotObtainable,

    /// <summary>Nobody answered before the no-answer timeout (ECMA-269 callNotAnswered).</summary>
    CallNotAnswered,

    /// <summary>A plain hold or retrieve (ECMA-269 normal).</summary>
    Normal,

    Consultation,

    Transfer,

    SingleStepTransfer,

    Conference,

    CallForwardImmediate,

    CallForwardBusy,

    CallForwardNoAnswer,

    /// <summary>Another device picked the ringing call up (ECMA-269 callPickup).</summary>
    CallPickup,
}
