using PbxLab.Csta.Messages;

namespace PbxLab.Core.History;

public sealed partial class CallHistoryEngine
{
    private void ApplyEvent(StepBuilder step, DeviceContext device, CstaEvent cstaEvent)
    {
        switch (cstaEvent)
        {
            case ServiceInitiatedEvent initiated:
                Open(step, device, initiated.InitiatedConnection.CallId, CallDirection.Outgoing);
                break;
            case OriginatedEvent originated:
                SetRemote(Open(step, device, originated.OriginatedConnection.CallId, CallDirection.Outgoing), originated.CalledDevice);
                break;
            case DeliveredEvent delivered:
                ApplyDelivered(step, device, delivered);
                break;
            case EstablishedEvent established:
                ApplyEstablished(step, device, established);
                break;
            case HeldEvent held:
                MarkConnected(Open(step, device, held.HeldConnection.CallId, direction: null), device);
                break;
            case RetrievedEvent retrieved:
                MarkConnected(Open(step, device, retrieved.RetrievedConnection.CallId, direction: null), device);
                break;
            case FailedEvent failed:
                ApplyFailed(step, device, failed);
                break;
            case ConnectionClearedEvent cleared:
                ApplyConnectionCleared(step, device, cleared);
                break;
            case CallClearedEvent callCleared:
                if (Find(device, callCleared.ClearedCall.CallId) is { } open)
                {
                    Close(step, device, open, OutcomeWhenEnded(open, callCleared.Cause, droppedHere: false));
                }

                break;
            case DivertedEvent diverted:
                ApplyDiverted(step, device, diverted);
                break;
            case TransferedEvent transfered:
                ApplyTransfered(step, device, transfered);
                break;
            case ConferencedEvent conferenced:
                ApplyConferenced(step, device, conferenced);
                break;
        }
    }

    // ECMA-269 DeliveredEvent goes to both ends. At the alerting device the call is incoming from
    // the calling device, and at the caller it is outgoing to the called device.
    private void ApplyDelivered(StepBuilder step, DeviceContext device, DeliveredEvent delivered)
    {
        var alertingHere = delivered.AlertingDevice is null
            ? delivered.LocalConnectionInfo is LocalConnectionState.Alerting
            : device.Is(delivered.AlertingDevice);
        if (alertingHere)
        {
            var incoming = Open(step, device, delivered.Connection.CallId, CallDirection.Incoming);
            SetRemote(incoming, delivered.CallingDevice);

            // A blind transfer offers the call to the new device without a TransferedEvent there.
            if (incoming is not null && delivered.Cause is EventCause.SingleStepTransfer or EventCause.Transfer)
            {
                incoming.ReachedByTransfer = true;
            }

            return;
        }

        SetRemote(Open(step, device, delivered.Connection.CallId, CallDirection.Outgoing), delivered.CalledDevice ?? delivered.AlertingDevice);
    }

    // The EstablishedEvent gives both ends their answer time. A device that picks up a call
    // ringing elsewhere receives its first event of the call here.
    private void ApplyEstablished(StepBuilder step, DeviceContext device, EstablishedEvent established)
    {
        var answeredHere = device.Is(established.AnsweringDevice);
        var direction = answeredHere ? CallDirection.Incoming : CallDirection.Outgoing;
        if (Open(step, device, established.EstablishedConnection.CallId, direction) is not { } open)
        {
            return;
        }

        SetRemote(open, answeredHere ? established.CallingDevice : established.CalledDevice ?? established.AnsweringDevice);
        open.AnsweredAt ??= device.Now;
    }

    // A failure at the user's own device (busy, doNotDisturb, a refused call) ends the user's
    // part at once as Rejected. A failure elsewhere leaves the caller's connection in the fail
    // state until it is cleared, and the call then ends as Failed.
    private void ApplyFailed(StepBuilder step, DeviceContext device, FailedEvent failed)
    {
        var failingDevice = failed.FailingDevice?.DeviceIdentifier ?? failed.FailedConnection.DeviceId;
        if (device.Is(failingDevice))
        {
            var incoming = Open(step, device, failed.FailedConnection.CallId, CallDirection.Incoming);
            SetRemote(incoming, failed.CallingDevice);
            if (incoming is not null && incoming.AnsweredAt is null)
            {
                Close(step, device, incoming, CallOutcome.Rejected);
            }

            return;
        }

        var outgoing = Open(step, device, failed.FailedConnection.CallId, CallDirection.Outgoing);
        SetRemote(outgoing, failed.CalledDevice ?? failed.FailingDevice);
        if (outgoing is not null && outgoing.AnsweredAt is null)
        {
            outgoing.DecidedOutcome ??= CallOutcome.Failed;
        }
    }

    // The user's part ends when the user's own connection is dropped, when the event reports the
    // user's connection as null, or when the other party of a two-party call drops. In a
    // conference the others stay, so a party leaving does not end the user's part.
    private void ApplyConnectionCleared(StepBuilder step, DeviceContext device, ConnectionClearedEvent cleared)
    {
        // NOTE: a ConnectionClearedEvent for a call the engine never saw starts no record: it does
        // not show the direction, the remote party or whether the call was answered.
        if (Find(device, cleared.DroppedConnection.CallId) is not { } open)
        {
            return;
        }

        var droppedDevice = cleared.DroppedConnection.DeviceId;
        var droppedHere = droppedDevice is null || device.Is(droppedDevice);
        var ends = droppedHere
            || cleared.LocalConnectionInfo is LocalConnectionState.Null
            || !open.InConference;
        if (ends)
        {
            Close(step, device, open, OutcomeWhenEnded(open, cleared.Cause, droppedHere));
        }
    }

    // A call diverted away from the user's device before answer (forwarding, deflection, pickup
    // by another device) ends here as Forwarded; at the new destination it is an incoming call.
    private void ApplyDiverted(StepBuilder step, DeviceContext device, DivertedEvent diverted)
    {
        var callId = diverted.Connection.CallId;
        if (device.Is(diverted.DivertingDevice))
        {
            var open = Open(step, device, callId, CallDirection.Incoming);
            SetRemote(open, diverted.CallingDevice);
            if (open is not null && open.AnsweredAt is null)
            {
                Close(step, device, open, CallOutcome.Forwarded);
            }

            return;
        }

        if (device.Is(diverted.NewDestination))
        {
            SetRemote(Open(step, device, callId, CallDirection.Incoming), diverted.CallingDevice);
            return;
        }

        // The caller's own call goes on, to a new destination; its remote stays the number dialled.
        if (Find(device, callId) is { } caller)
        {
            step.Touch(caller);
        }
    }

    // ECMA-269 TransferedEvent: the transferring device leaves both its calls, which end as
    // TransferredAway. Every other party continues in the resulting call with a new remote
    // party, and the transferred-to device's call counts as TransferredIn.
    private void ApplyTransfered(StepBuilder step, DeviceContext device, TransferedEvent transfered)
    {
        var oldCalls = OldCallsOf(device, transfered.PrimaryOldCall, transfered.SecondaryOldCall);
        if (device.Is(transfered.TransferringDevice))
        {
            foreach (var old in oldCalls)
            {
                Close(step, device, old, CallOutcome.TransferredAway);
            }

            return;
        }

        var newCallId = NewCallIdOf(device, transfered.TransferredConnections)
            ?? oldCalls.FirstOrDefault()?.CallId
            ?? transfered.PrimaryOldCall.CallId;
        var open = oldCalls.FirstOrDefault() ?? Open(step, device, newCallId, direction: null);
        if (open is null || newCallId is null)
        {
            return;
        }

        Rekey(device, open, newCallId);
        step.Touch(open);

        var transferredToHere = device.Is(transfered.TransferredToDevice);
        var newRemote = transferredToHere
            ? OtherEndpointOf(device, transfered.TransferredConnections, transfered.TransferringDevice?.DeviceIdentifier)
            : transfered.TransferredToDevice?.DeviceIdentifier
                ?? OtherEndpointOf(device, transfered.TransferredConnections, transfered.TransferringDevice?.DeviceIdentifier);
        if (newRemote is not null)
        {
            open.RemoteNumber = CstaDeviceId.ExtractDirectoryNumber(newRemote);
        }

        if (transferredToHere)
        {
            open.DecidedOutcome = CallOutcome.TransferredIn;
        }
    }

    // ECMA-269 ConferencedEvent: the user's calls named in it become one call with the new
    // callID. The conferencing device's consultation call merges into its original call, so the
    // user keeps one record, which stays open until the user leaves the conference.
    private void ApplyConferenced(StepBuilder step, DeviceContext device, ConferencedEvent conferenced)
    {
        var oldCalls = OldCallsOf(device, conferenced.PrimaryOldCall, conferenced.SecondaryOldCall);
        var newCallId = NewCallIdOf(device, conferenced.ConferenceConnections)
            ?? oldCalls.FirstOrDefault()?.CallId
            ?? conferenced.PrimaryOldCall.CallId;
        var keep = oldCalls.MinBy(open => open.StartedAt) ?? Open(step, device, newCallId, direction: null);
        if (keep is null || newCallId is null)
        {
            return;
        }

        foreach (var merged in oldCalls.Where(open => open != keep))
        {
            Merge(step, device, merged);
        }

        Rekey(device, keep, newCallId);
        keep.InConference = true;
        step.Touch(keep);
    }

    private List<OpenCall> OldCallsOf(DeviceContext device, ConnectionId primaryOldCall, ConnectionId? secondaryOldCall)
    {
        var calls = new List<OpenCall>(2);
        foreach (var callId in new[] { primaryOldCall.CallId, secondaryOldCall?.CallId })
        {
            if (Find(device, callId) is { } open && !calls.Contains(open))
            {
                calls.Add(open);
            }
        }

        return calls;
    }

    // The device's entry in the connection list gives its connection in the resulting call;
    // without one, any entry's new callID is the resulting call's.
    private static string? NewCallIdOf(DeviceContext device, IReadOnlyList<ConnectionListItem> connections)
    {
        var own = connections.FirstOrDefault(item => device.Is(item.Endpoint) || device.Is(item.NewConnection?.DeviceId));
        return own?.NewConnection?.CallId
            ?? connections.Select(item => item.NewConnection?.CallId).FirstOrDefault(callId => callId is not null);
    }

    private static string? OtherEndpointOf(DeviceContext device, IReadOnlyList<ConnectionListItem> connections, string? leavingDevice)
    {
        foreach (var item in connections)
        {
            var endpoint = item.Endpoint ?? item.NewConnection?.DeviceId;
            if (endpoint is null || device.Is(endpoint))
            {
                continue;
            }

            if (leavingDevice is not null && CstaDeviceId.ExtractDirectoryNumber(leavingDevice) == CstaDeviceId.ExtractDirectoryNumber(endpoint))
            {
                continue;
            }

            return endpoint;
        }

        return null;
    }

    // Only a connected call can be held or retrieved, so a call first seen in such an event was
    // answered before, and the time it was first seen is used as the answer time.
    private static void MarkConnected(OpenCall? open, DeviceContext device)
    {
        if (open is not null)
        {
            open.AnsweredAt ??= device.Now;
        }
    }

    // The first number an event presents for the remote party stays, so a later event (a
    // DeliveredEvent after a diversion, say) does not replace the number the user dialled.
    private static void SetRemote(OpenCall? open, ExtendedDeviceId? remote)
    {
        if (open is null || open.RemoteNumber is not null)
        {
            return;
        }

        if (remote is { Kind: ExtendedDeviceIdKind.DeviceIdentifier, DeviceIdentifier: { } identifier })
        {
            open.RemoteNumber = CstaDeviceId.ExtractDirectoryNumber(identifier);
        }
    }
}
