using PbxLab.Csta.Messages;
using PbxLab.Simulators.Pbx.Engine;

namespace PbxLab.Simulators.Pbx.Server;

/// <summary>Turns engine events into ECMA-323 events for one monitor.</summary>
/// <remarks>
/// NOTE: devices are written as plain directory numbers. The only MiVoice Office 400 trace shows a
/// client writing <c>N&lt;123!98&gt;</c>; what the PBX itself writes in events is not documented.
/// </remarks>
internal static class CstaEventMapper
{
    public static CstaEvent Map(PbxEvent pbxEvent, string monitorCrossRefId) => pbxEvent switch
    {
        CallServiceInitiated e => new ServiceInitiatedEvent(
            monitorCrossRefId, new ConnectionId(e.CallId, e.DeviceId), Known(e.DeviceId), Map(e.LocalState), Map(e.Cause)),

        CallOriginated e => new OriginatedEvent(
            monitorCrossRefId, new ConnectionId(e.CallId, e.DeviceId), Known(e.CallingDevice), Known(e.CalledDevice), Map(e.LocalState), Map(e.Cause)),

        // ECMA-269 Delivered: connection is the alerting connection, localConnectionInfo the monitored device's own state.
        CallDelivered e => new DeliveredEvent(
            monitorCrossRefId,
            new ConnectionId(e.CallId, e.AlertingDevice),
            Known(e.AlertingDevice),
            Known(e.CallingDevice),
            Known(e.CalledDevice),
            Map(e.LocalState),
            Map(e.Cause))
        {
            LastRedirectionDevice = e.LastRedirectionDevice,
        },

        CallEstablished e => new EstablishedEvent(
            monitorCrossRefId,
            new ConnectionId(e.CallId, e.AnsweringDevice),
            Known(e.AnsweringDevice),
            Known(e.CallingDevice),
            Known(e.CalledDevice),
            Map(e.LocalState),
            Map(e.Cause)),

        CallConnectionCleared e => new ConnectionClearedEvent(
            monitorCrossRefId, new ConnectionId(e.CallId, e.DroppedDevice ?? e.DeviceId), Known(e.ReleasingDevice), Map(e.LocalState), Map(e.Cause)),

        CallHeld e => new HeldEvent(
            monitorCrossRefId, new ConnectionId(e.CallId, e.HoldingDevice), Known(e.HoldingDevice), Map(e.LocalState), Map(e.Cause)),

        CallRetrieved e => new RetrievedEvent(
            monitorCrossRefId, new ConnectionId(e.CallId, e.RetrievingDevice), Known(e.RetrievingDevice), Map(e.LocalState), Map(e.Cause)),

        CallTransferred e => new TransferedEvent(
            monitorCrossRefId,
            new ConnectionId(e.PrimaryOldCall, e.TransferringDevice),
            e.SecondaryOldCall is { } secondary ? new ConnectionId(secondary, e.TransferringDevice) : null,
            Known(e.TransferringDevice),
            Known(e.TransferredToDevice),
            Map(e.TransferredConnections),
            Map(e.LocalState),
            Map(e.Cause)),

        CallConferenced e => new ConferencedEvent(
            monitorCrossRefId,
            new ConnectionId(e.PrimaryOldCall, e.ConferencingDevice),
            new ConnectionId(e.SecondaryOldCall, e.ConferencingDevice),
            Known(e.ConferencingDevice),
            Known(e.AddedParty),
            Map(e.ConferenceConnections),
            Map(e.LocalState),
            Map(e.Cause)),

        // ECMA-269 Diverted: connection is the diverting device's connection, which the call has left.
        CallDiverted e => new DivertedEvent(
            monitorCrossRefId,
            new ConnectionId(e.CallId, e.DivertingDevice),
            Known(e.DivertingDevice),
            Known(e.NewDestination),
            Known(e.CallingDevice),
            Known(e.CalledDevice),
            Map(e.LocalState),
            Map(e.Cause)),

        ForwardingChanged e => new ForwardingEvent(
            monitorCrossRefId,
            e.DeviceId,
            Map(e.ForwardingType),
            e.On,
            e.Destination,
            RingDuration: e.NoAnswerAfter is { } after ? (int)Math.Ceiling(after.TotalSeconds) : null),

        CallFailed e => new FailedEvent(
            monitorCrossRefId,
            new ConnectionId(e.CallId, e.FailingDevice),
            Known(e.FailingDevice),
            Known(e.CallingDevice),
            Known(e.CalledDevice),
            Map(e.LocalState),
            Map(e.Cause)),

        DoNotDisturbChanged e => new DoNotDisturbEvent(monitorCrossRefId, e.DeviceId, e.DoNotDisturbOn),

        UserPresenceChanged e => new UserPresenceEvent(monitorCrossRefId, e.DeviceId, Map(e.Presence)),

        ServiceStateChanged { InService: true } e => new BackInServiceEvent(monitorCrossRefId, e.DeviceId, null),

        ServiceStateChanged e => new OutOfServiceEvent(monitorCrossRefId, e.DeviceId, null),

        _ => throw new ArgumentOutOfRangeException(nameof(pbxEvent), pbxEvent.GetType().Name, "No CSTA event maps this engine event."),
    };

    public static LocalConnectionState Map(ConnectionState state) => state switch
    {
        ConnectionState.Null => LocalConnectionState.Null,
        ConnectionState.Initiated => LocalConnectionState.Initiated,
        ConnectionState.Alerting => LocalConnectionState.Alerting,
        ConnectionState.Connected => LocalConnectionState.Connected,
        ConnectionState.Hold => LocalConnectionState.Hold,
        ConnectionState.Queued => LocalConnectionState.Queued,
        ConnectionState.Fail => LocalConnectionState.Fail,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static Mivo400UserPresence Map(PbxUserPresence presence) => presence switch
    {
        PbxUserPresence.Available => Mivo400UserPresence.Available,
        PbxUserPresence.Absent => Mivo400UserPresence.Absent,
        PbxUserPresence.Meeting => Mivo400UserPresence.Meeting,
        PbxUserPresence.Busy => Mivo400UserPresence.Busy,
        PbxUserPresence.NotAvailable => Mivo400UserPresence.NotAvailable,
        _ => throw new ArgumentOutOfRangeException(nameof(presence), presence, null),
    };

    private static EventCause Map(PbxCallCause cause) => cause switch
    {
        PbxCallCause.NewCall => EventCause.NewCall,
        PbxCallCause.MakeCall => EventCause.MakeCall,
        PbxCallCause.NormalClearing => EventCause.NormalClearing,
        PbxCallCause.Busy => EventCause.Busy,
        PbxCallCause.DoNotDisturb => EventCause.DoNotDisturb,
        PbxCallCause.DestNotObtainable => EventCause.DestNotObtainable,
        PbxCallCause.CallNotAnswered => EventCause.CallNotAnswered,
        PbxCallCause.Normal => EventCause.Normal,
        PbxCallCause.Consultation => EventCause.Consultation,
        PbxCallCause.Transfer => EventCause.Transfer,
        PbxCallCause.SingleStepTransfer => EventCause.SingleStepTransfer,
        PbxCallCause.Conference => EventCause.Conference,
        PbxCallCause.CallForwardImmediate => EventCause.CallForwardImmediate,
        PbxCallCause.CallForwardBusy => EventCause.CallForwardBusy,
        PbxCallCause.CallForwardNoAnswer => EventCause.CallForwardNoAnswer,
        PbxCallCause.CallPickup => EventCause.CallPickup,
        _ => throw new ArgumentOutOfRangeException(nameof(cause), cause, null),
    };

    public static ForwardingType Map(PbxForwardingType type) => type switch
    {
        PbxForwardingType.Immediate => ForwardingType.ForwardImmediate,
        PbxForwardingType.Busy => ForwardingType.ForwardBusy,
        PbxForwardingType.NoAnswer => ForwardingType.ForwardNoAns,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static List<ConnectionListItem> Map(IReadOnlyList<JoinedParty> parties) =>
        [.. parties.Select(p => new ConnectionListItem(
            new ConnectionId(p.NewCallId, p.Device), p.OldCallId is { } old ? new ConnectionId(old, p.Device) : null, p.Device))];

    // A withheld caller has no number to show: ExtendedDeviceID restricted or notKnown.
    private static ExtendedDeviceId Known(string device) => device switch
    {
        PbxNumbers.Restricted => ExtendedDeviceId.Restricted,
        PbxNumbers.NotKnown => ExtendedDeviceId.NotKnown,
        _ => ExtendedDeviceId.Known(device),
    };
}
