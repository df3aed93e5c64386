namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>
/// Something a device's monitor learns. <see cref="DeviceId"/> is the device whose view this is: the
/// CSTA server sends the event to that device's monitors only.
/// </summary>
public abstract record PbxEvent(string DeviceId);

/// <summary>The device went off-hook to place a call; its connection is initiated (ECMA-269 ServiceInitiated).</summary>
public sealed record CallServiceInitiated(string DeviceId, string CallId, ConnectionState LocalState, PbxCallCause Cause)
    : PbxEvent(DeviceId);

/// <summary>The device dialled <see cref="CalledDevice"/>; its connection is connected (ECMA-269 Originated).</summary>
public sealed record CallOriginated(
    string DeviceId, string CallId, string CallingDevice, string CalledDevice, ConnectionState LocalState, PbxCallCause Cause)
    : PbxEvent(DeviceId);

/// <summary>
/// <see cref="AlertingDevice"/> is ringing (ECMA-269 Delivered). The alerting side sees its connection
/// alerting, the calling side sees its own connection connected.
/// </summary>
public sealed record CallDelivered(
    string DeviceId,
    string CallId,
    string AlertingDevice,
    string CallingDevice,
    string CalledDevice,
    ConnectionState LocalState,
    PbxCallCause Cause)
    : PbxEvent(DeviceId)
{
    /// <summary>The device that last diverted the call here (forwarding or pickup), if any.</summary>
    public string? LastRedirectionDevice { get; init; }
}

/// <summary><see cref="AnsweringDevice"/> answered; both sides are connected (ECMA-269 Established).</summary>
public sealed record CallEstablished(
    string DeviceId,
    string CallId,
    string AnsweringDevice,
    string CallingDevice,
    string CalledDevice,
    ConnectionState LocalState,
    PbxCallCause Cause)
    : PbxEvent(DeviceId);

/// <summary>
/// The device's own connection to the call was cleared because <see cref="ReleasingDevice"/> hung up
/// or the switch gave up (ECMA-269 ConnectionCleared).
/// </summary>
public sealed record CallConnectionCleared(
    string DeviceId, string CallId, string ReleasingDevice, ConnectionState LocalState, PbxCallCause Cause)
    : PbxEvent(DeviceId)
{
    /// <summary>
    /// The party whose connection was dropped when it is not <see cref="PbxEvent.DeviceId"/>: a party
    /// leaving a conference while the others stay. Null means the device's own connection.
    /// </summary>
    public string? DroppedDevice { get; init; }
}

/// <summary>The call could not reach <see cref="FailingDevice"/> (ECMA-269 Failed).</summary>
public sealed record CallFailed(
    string DeviceId,
    string CallId,
    string FailingDevice,
    string CallingDevice,
    string CalledDevice,
    ConnectionState LocalState,
    PbxCallCause Cause)
    : PbxEvent(DeviceId);

public sealed record DoNotDisturbChanged(string DeviceId, bool DoNotDisturbOn) : PbxEvent(DeviceId);

public sealed record UserPresenceChanged(string DeviceId, PbxUserPresence Presence) : PbxEvent(DeviceId);

/// <summary>The device went out of service or came back (ECMA-269 OutOfService and BackInService).</summary>
public sealed record ServiceStateChanged(string DeviceId, bool InService) : PbxEvent(DeviceId);

/// <summary>
/// <see cref="HoldingDevice"/> put the call on hold (ECMA-269 Held). The holding device sees its
/// connection in hold, the other parties their own connection.
/// </summary>
public sealed record CallHeld(string DeviceId, string CallId, string HoldingDevice, ConnectionState LocalState, PbxCallCause Cause)
    : PbxEvent(DeviceId);

/// <summary><see cref="RetrievingDevice"/> took the call off hold (ECMA-269 Retrieved).</summary>
public sealed record CallRetrieved(string DeviceId, string CallId, string RetrievingDevice, ConnectionState LocalState, PbxCallCause Cause)
    : PbxEvent(DeviceId);

/// <summary>One party of a call joined by a transfer or a conference: its connection after and before.</summary>
/// <param name="Device">Directory number, or external number, of the party.</param>
/// <param name="NewCallId">The call the party is in now.</param>
/// <param name="OldCallId">The call the party was in before, or null for a party that was not in a call yet.</param>
public sealed record JoinedParty(string Device, string NewCallId, string? OldCallId);

/// <summary>
/// <see cref="TransferringDevice"/> joined its held call (<see cref="PrimaryOldCall"/>) and its active call
/// (<see cref="SecondaryOldCall"/>, null for a single-step transfer) and left both (ECMA-269 Transfered).
/// The transferring device sees its connection null.
/// </summary>
public sealed record CallTransferred(
    string DeviceId,
    string PrimaryOldCall,
    string? SecondaryOldCall,
    string TransferringDevice,
    string TransferredToDevice,
    IReadOnlyList<JoinedParty> TransferredConnections,
    ConnectionState LocalState,
    PbxCallCause Cause)
    : PbxEvent(DeviceId)
{
    public bool Equals(CallTransferred? other) =>
        other is not null
        && DeviceId == other.DeviceId
        && PrimaryOldCall == other.PrimaryOldCall
        && SecondaryOldCall == other.SecondaryOldCall
        && TransferringDevice == other.TransferringDevice
        && TransferredToDevice == other.TransferredToDevice
        && TransferredConnections.SequenceEqual(other.TransferredConnections)
        && LocalState == other.LocalState
        && Cause == other.Cause;

    public override int GetHashCode() => HashCode.Combine(DeviceId, PrimaryOldCall, SecondaryOldCall);
}

/// <summary>
/// <see cref="ConferencingDevice"/> joined its held call and its active call into one conference, adding
/// <see cref="AddedParty"/> (ECMA-269 Conferenced). The conference keeps the held call's id.
/// </summary>
public sealed record CallConferenced(
    string DeviceId,
    string PrimaryOldCall,
    string SecondaryOldCall,
    string ConferencingDevice,
    string AddedParty,
    IReadOnlyList<JoinedParty> ConferenceConnections,
    ConnectionState LocalState,
    PbxCallCause Cause)
    : PbxEvent(DeviceId)
{
    public bool Equals(CallConferenced? other) =>
        other is not null
        && DeviceId == other.DeviceId
        && PrimaryOldCall == other.PrimaryOldCall
        && SecondaryOldCall == other.SecondaryOldCall
        && ConferencingDevice == other.ConferencingDevice
        && AddedParty == other.AddedParty
        && ConferenceConnections.SequenceEqual(other.ConferenceConnections)
        && LocalState == other.LocalState
        && Cause == other.Cause;

    public override int GetHashCode() => HashCode.Combine(DeviceId, PrimaryOldCall, SecondaryOldCall);
}

/// <summary>
/// The call left <see cref="DivertingDevice"/> for <see cref="NewDestination"/> (ECMA-269 Diverted):
/// forwarding or a pickup. The diverting device's connection is null afterwards.
/// </summary>
public sealed record CallDiverted(
    string DeviceId,
    string CallId,
    string DivertingDevice,
    string NewDestination,
    string CallingDevice,
    string CalledDevice,
    ConnectionState LocalState,
    PbxCallCause Cause)
    : PbxEvent(DeviceId);

/// <summary>A kind of forwarding was switched on or off (ECMA-269 Forwarding).</summary>
/// <param name="NoAnswerAfter">Ring time before forward on no answer diverts, for <see cref="PbxForwardingType.NoAnswer"/>.</param>
public sealed record ForwardingChanged(
    string DeviceId, PbxForwardingType ForwardingType, bool On, string? Destination, TimeSpan? NoAnswerAfter)
    : PbxEvent(DeviceId);
