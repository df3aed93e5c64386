namespace PbxLab.Csta.Messages;

/// <summary>An event about one connection of a call, carrying its local connection state.</summary>
public abstract record CallEvent(string MonitorCrossRefId) : CstaEvent(MonitorCrossRefId)
{
    /// <summary>The connection the event is about (initiatedConnection, connection, droppedConnection…).</summary>
    public abstract ConnectionId SubjectConnection { get; }

    public abstract LocalConnectionState? LocalConnectionInfo { get; init; }
}

public sealed record ServiceInitiatedEvent(
    string MonitorCrossRefId,
    ConnectionId InitiatedConnection,
    ExtendedDeviceId? InitiatingDevice,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CallEvent(MonitorCrossRefId)
{
    public override ConnectionId SubjectConnection => InitiatedConnection;
}

public sealed record OriginatedEvent(
    string MonitorCrossRefId,
    ConnectionId OriginatedConnection,
    ExtendedDeviceId? CallingDevice,
    ExtendedDeviceId? CalledDevice,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CallEvent(MonitorCrossRefId)
{
    public override ConnectionId SubjectConnection => OriginatedConnection;
}

public sealed record DeliveredEvent(
    string MonitorCrossRefId,
    ConnectionId Connection,
    ExtendedDeviceId? AlertingDevice,
    ExtendedDeviceId? CallingDevice,
    ExtendedDeviceId? CalledDevice,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CallEvent(MonitorCrossRefId)
{
    public override ConnectionId SubjectConnection => Connection;

    /// <summary>
    /// The device that last redirected the call here (forwarding, deflection, pickup), written as the
    /// <c>numberDialed</c> choice of <c>lastRedirectionDevice</c>. Null leaves the element out.
    /// </summary>
    public string? LastRedirectionDevice { get; init; }
}

public sealed record EstablishedEvent(
    string MonitorCrossRefId,
    ConnectionId EstablishedConnection,
    ExtendedDeviceId? AnsweringDevice,
    ExtendedDeviceId? CallingDevice,
    ExtendedDeviceId? CalledDevice,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CallEvent(MonitorCrossRefId)
{
    public override ConnectionId SubjectConnection => EstablishedConnection;
}

public sealed record ConnectionClearedEvent(
    string MonitorCrossRefId,
    ConnectionId DroppedConnection,
    ExtendedDeviceId? ReleasingDevice,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CallEvent(MonitorCrossRefId)
{
    public override ConnectionId SubjectConnection => DroppedConnection;
}

public sealed record FailedEvent(
    string MonitorCrossRefId,
    ConnectionId FailedConnection,
    ExtendedDeviceId? FailingDevice,
    ExtendedDeviceId? CallingDevice,
    ExtendedDeviceId? CalledDevice,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CallEvent(MonitorCrossRefId)
{
    public override ConnectionId SubjectConnection => FailedConnection;
}

public sealed record HeldEvent(
    string MonitorCrossRefId,
    ConnectionId HeldConnection,
    ExtendedDeviceId? HoldingDevice,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CallEvent(MonitorCrossRefId)
{
    public override ConnectionId SubjectConnection => HeldConnection;
}

public sealed record RetrievedEvent(
    string MonitorCrossRefId,
    ConnectionId RetrievedConnection,
    ExtendedDeviceId? RetrievingDevice,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CallEvent(MonitorCrossRefId)
{
    public override ConnectionId SubjectConnection => RetrievedConnection;
}
