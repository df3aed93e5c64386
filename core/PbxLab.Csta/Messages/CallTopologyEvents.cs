namespace PbxLab.Csta.Messages;

/// <summary>
/// One entry of an ECMA-323 ConnectionList (<c>connectionListItem</c>): a party's connection in
/// the old call, its connection in the resulting call, and the party's device when known.
/// </summary>
public sealed record ConnectionListItem(ConnectionId? NewConnection, ConnectionId? OldConnection, string? Endpoint);

/// <summary>The whole call is gone; <c>clearedCall</c> carries its callID.</summary>
public sealed record CallClearedEvent(string MonitorCrossRefId, ConnectionId ClearedCall, EventCause? Cause) : CstaEvent(MonitorCrossRefId);

/// <summary>A call left the diverting device for a new destination (forwarding, deflection, pickup).</summary>
public sealed record DivertedEvent(
    string MonitorCrossRefId,
    ConnectionId Connection,
    ExtendedDeviceId? DivertingDevice,
    ExtendedDeviceId? NewDestination,
    ExtendedDeviceId? CallingDevice,
    ExtendedDeviceId? CalledDevice,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CstaEvent(MonitorCrossRefId);

/// <summary>
/// Two calls were joined by the transferring device, which leaves both. The element name keeps
/// ECMA-323's spelling with one "r".
/// </summary>
public sealed record TransferedEvent(
    string MonitorCrossRefId,
    ConnectionId PrimaryOldCall,
    ConnectionId? SecondaryOldCall,
    ExtendedDeviceId? TransferringDevice,
    ExtendedDeviceId? TransferredToDevice,
    IReadOnlyList<ConnectionListItem> TransferredConnections,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CstaEvent(MonitorCrossRefId)
{
    public bool Equals(TransferedEvent? other) =>
        other is not null
        && MonitorCrossRefId == other.MonitorCrossRefId
        && PrimaryOldCall == other.PrimaryOldCall
        && SecondaryOldCall == other.SecondaryOldCall
        && TransferringDevice == other.TransferringDevice
        && TransferredToDevice == other.TransferredToDevice
        && TransferredConnections.SequenceEqual(other.TransferredConnections)
        && LocalConnectionInfo == other.LocalConnectionInfo
        && Cause == other.Cause;

    public override int GetHashCode() => HashCode.Combine(MonitorCrossRefId, PrimaryOldCall, TransferredConnections.Count);
}

/// <summary>Two calls were joined into a conference by the conferencing device, which stays in it.</summary>
public sealed record ConferencedEvent(
    string MonitorCrossRefId,
    ConnectionId PrimaryOldCall,
    ConnectionId? SecondaryOldCall,
    ExtendedDeviceId? ConferencingDevice,
    ExtendedDeviceId? AddedParty,
    IReadOnlyList<ConnectionListItem> ConferenceConnections,
    LocalConnectionState? LocalConnectionInfo,
    EventCause? Cause) : CstaEvent(MonitorCrossRefId)
{
    public bool Equals(ConferencedEvent? other) =>
        other is not null
        && MonitorCrossRefId == other.MonitorCrossRefId
        && PrimaryOldCall == other.PrimaryOldCall
        && SecondaryOldCall == other.SecondaryOldCall
        && ConferencingDevice == other.ConferencingDevice
        && AddedParty == other.AddedParty
        && ConferenceConnections.SequenceEqual(other.ConferenceConnections)
        && LocalConnectionInfo == other.LocalConnectionInfo
        && Cause == other.Cause;

    public override int GetHashCode() => HashCode.Combine(MonitorCrossRefId, PrimaryOldCall, ConferenceConnections.Count);
}
