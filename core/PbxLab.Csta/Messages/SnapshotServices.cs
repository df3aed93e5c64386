namespace PbxLab.Csta.Messages;

public sealed record SnapshotDevice(string SnapshotObject) : CstaRequest;

/// <summary>
/// ECMA-323 <c>localCallState</c> of one snapshot item: a compoundCallState (the connection
/// states of the call), a simpleCallState, or unknown when both are null.
/// </summary>
public sealed record SnapshotCallState(IReadOnlyList<LocalConnectionState>? CompoundCallState, SimpleCallState? SimpleCallState)
{
    public static SnapshotCallState Unknown { get; } = new(null, null);

    public static SnapshotCallState Compound(params LocalConnectionState[] states) => new(states, null);

    public static SnapshotCallState Simple(SimpleCallState state) => new(null, state);

    /// <summary>
    /// The snapshotted device's own connection state, or null when unknown. For a simple call
    /// state this is its first half (callDelivered = connected to an alerting party, callReceived
    /// = alerting, and so on, as ECMA-269 names the pairs).
    /// </summary>
    public LocalConnectionState? LocalConnectionState
    {
        get
        {
            // NOTE: ECMA-323 lists a compound state per connection but does not mark the snapshotted
            // device's own. The first is taken as the device's, and this library's encoder writes it first.
            if (CompoundCallState is { Count: > 0 } compound)
            {
                return compound[0];
            }

            return SimpleCallState switch
            {
                null => null,
                Messages.SimpleCallState.CallNull => Messages.LocalConnectionState.Null,
                Messages.SimpleCallState.CallPending => Messages.LocalConnectionState.Initiated,
                Messages.SimpleCallState.CallReceived or Messages.SimpleCallState.CallReceivedOnHold => Messages.LocalConnectionState.Alerting,
                Messages.SimpleCallState.CallDeliveredHeld or Messages.SimpleCallState.CallEstablishedHeld
                    or Messages.SimpleCallState.CallQueuedHeld or Messages.SimpleCallState.CallFailedHeld => Messages.LocalConnectionState.Hold,
                Messages.SimpleCallState.CallBlocked => Messages.LocalConnectionState.Fail,
                _ => Messages.LocalConnectionState.Connected,
            };
        }
    }

    public bool Equals(SnapshotCallState? other) =>
        other is not null
        && SimpleCallState == other.SimpleCallState
        && SequenceEquals(CompoundCallState, other.CompoundCallState);

    public override int GetHashCode() => HashCode.Combine(SimpleCallState, CompoundCallState?.Count);

    private static bool SequenceEquals(IReadOnlyList<LocalConnectionState>? left, IReadOnlyList<LocalConnectionState>? right) =>
        left is null ? right is null : right is not null && left.SequenceEqual(right);
}

/// <summary>One call at the snapshotted device.</summary>
public sealed record SnapshotDeviceItem(ConnectionId ConnectionIdentifier, SnapshotCallState LocalCallState);

/// <summary>
/// Calls present at a device. <see cref="UserPresence"/> is the MiVoice Office 400 user
/// presence when the switch adds it in <c>extensions/privateData/private</c> (a PbxLab
/// assumption, see <see cref="UserPresenceEvent"/>), so a client can resynchronise after a reconnect.
/// </summary>
public sealed record SnapshotDeviceResponse(IReadOnlyList<SnapshotDeviceItem> SnapshotData, Mivo400UserPresenceData? UserPresence) : CstaResponse
{
    public bool Equals(SnapshotDeviceResponse? other) =>
        other is not null
        && SnapshotData.SequenceEqual(other.SnapshotData)
        && Equals(UserPresence, other.UserPresence);

    public override int GetHashCode() => HashCode.Combine(SnapshotData.Count, UserPresence);
}
