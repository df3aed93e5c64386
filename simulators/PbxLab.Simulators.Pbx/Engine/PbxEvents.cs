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
    : PbxEvent(DeviceId);

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
    : PbxEvent(DeviceId);

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
