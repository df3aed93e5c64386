namespace PbxLab.Csta.Messages;

/// <summary>ECMA-323 SimpleCallState, one choice of <c>localCallState</c> in snapshot data.</summary>
public enum SimpleCallState
{
    CallNull,
    CallPending,
    CallOriginated,
    CallDelivered,
    CallDeliveredHeld,
    CallReceived,
    CallEstablished,
    CallEstablishedHeld,
    CallReceivedOnHold,
    CallEstablishedOnHold,
    CallQueued,
    CallQueuedHeld,
    CallFailed,
    CallFailedHeld,
    CallBlocked,
}
