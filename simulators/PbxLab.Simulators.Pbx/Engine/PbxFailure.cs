namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>Why the engine rejected a request; the CSTA server maps each value to a CSTAErrorCode.</summary>
public enum PbxFailure
{
    UnknownDevice,
    DuplicateDevice,
    DeviceLimitReached,
    InvalidNumber,
    DeviceOutOfService,
    DeviceBusy,
    NoCallToAnswer,
    NoCallToClear,
    UnknownCall,
    NotSupportedByProfile,
    NoActiveCall,
    NoHeldCall,
    InvalidForwarding,
}
