namespace PbxLab.Simulators.Pbx.Engine;

// Features on a call in progress: hold, retrieve, consultation, transfer, conference, pickup.
public sealed partial class PbxEngine
{
    /// <summary>Puts the device's connected call on hold. Every party's monitors see HeldEvent.</summary>
    public void Hold(string device)
    {
        lock (_lock)
        {
            var holding = Find(device);
            var call = ConnectedCall(holding, "hold");
            HoldCall(call, call.PartyOf(holding)!, PbxCallCause.Normal);
        }
    }

    /// <summary>Takes the device's held call off hold. Every party's monitors see RetrievedEvent.</summary>
    public void Retrieve(string device)
    {
        lock (_lock)
        {
            var retrieving = Find(device);
            if (retrieving.HeldCall is not { } call)
            {
                throw new PbxOperationException(
                    PbxFailure.NoHeldCall, $"Device {device} has no held call to retrieve: it is {DescribeState(retrieving)}.");
            }

            if (retrieving.ActiveCall is not null)
            {
                throw new PbxOperationException(
                    PbxFailure.DeviceBusy,
                    $"Device {device} cannot retrieve call {call.CallId}: it is {DescribeState(retrieving)}. Clear the other call first.");
            }

            var party = call.PartyOf(retrieving)!;
            party.State = ConnectionState.Connected;
            foreach (var other in call.Parties)
            {
                if (other.Device is { } observer)
                {
                    Raise(new CallRetrieved(observer.DirectoryNumber, call.CallId, device, other.State, PbxCallCause.Normal));
                }
            }
        }
    }

    /// <summary>
    /// Holds the device's connected call and places a consultation call to <paramref name="number"/>
    /// (a directory number or the trunk access code and an external number). Returns the new call id.
    /// </summary>
    public string Consult(string device, string number)
    {
        lock (_lock)
        {
            var consulting = Find(device);
            var call = ConnectedCall(consulting, "consult from");
            if (consulting.Calls.Count > 1)
            {
                throw new PbxOperationException(
                    PbxFailure.DeviceBusy, $"Device {device} cannot consult: it is {DescribeState(consulting)}. It already has a held call.");
            }

            HoldCall(call, call.PartyOf(consulting)!, PbxCallCause.Consultation);
            return PlaceCall(consulting, number, PbxCallCause.Consultation);
        }
    }

    /// <summary>
    /// Joins the other party of the device's held call with the other party of its active call (connected
    /// or still ringing). The device leaves both. The joined call keeps the held call's id.
    /// </summary>
    public string Transfer(string device)
    {
        lock (_lock)
        {
            var transferring = Find(device);
            var (held, active) = HeldAndActive(transferring, "transfer");
            var heldOther = TwoPartyOther(held, transferring, "transfer");
            var activeOther = TwoPartyOther(active, transferring, "transfer");

            // Step 1: every party learns of the transfer while the transferring device is still in both calls.
            JoinedParty[] connections =
            [
                new(heldOther.Number, held.CallId, held.CallId),
                new(activeOther.Number, held.CallId, active.CallId),
            ];
            var observers = new[] { held.PartyOf(transferring)!, heldOther, activeOther };

            // Step 2: move the consulted party into the held call and drop the transferring device.
            StopNoAnswerTimer(active);
            _calls.Remove(active.CallId);
            transferring.Calls.Remove(held);
            transferring.Calls.Remove(active);
            if (activeOther.Device is { } movedDevice)
            {
                movedDevice.Calls.Remove(active);
                movedDevice.Calls.Add(held);
            }

            held.Parties.Clear();
            held.Parties.AddRange([heldOther, activeOther]);
            held.Caller = heldOther;
            held.Callee = activeOther;
            held.CalledNumber = activeOther.Number;

            foreach (var party in observers)
            {
                if (party.Device is { } observer)
                {
                    var local = ReferenceEquals(observer, transferring) ? ConnectionState.Null : party.State;
                    Raise(new CallTransferred(
                        observer.DirectoryNumber, held.CallId, active.CallId, device, activeOther.Number, connections, local, PbxCallCause.Transfer));
                }
            }

            Log.CallTransferred(_logger, held.CallId, active.CallId, device);
            if (activeOther.State == ConnectionState.Alerting)
            {
                StartNoAnswerTimer(held, NoAnswerTimeout);
            }

            return held.CallId;
        }
    }

    /// <summary>
    /// Moves the device's connected two-party call to <paramref name="number"/> without consulting (a blind
    /// transfer). The device leaves, the other party hears ringing at the new destination.
    /// </summary>
    public void SingleStepTransfer(string device, string number)
    {
        lock (_lock)
        {
            var transferring = Find(device);
            var call = ConnectedCall(transferring, "transfer");
            var other = TwoPartyOther(call, transferring, "transfer");
            if (!IsDialable(number.TrimEnd('#')) || CalleeFor(number) is not { } target)
            {
                throw new PbxOperationException(
                    PbxFailure.InvalidNumber,
                    $"Device {device} cannot transfer call {call.CallId} to '{number}': it is no device and does not start with the trunk access code.");
            }

            var own = call.PartyOf(transferring)!;
            JoinedParty[] connections = [new(other.Number, call.CallId, call.CallId), new(target.Number, call.CallId, null)];
            foreach (var party in new[] { own, other })
            {
                if (party.Device is { } observer)
                {
                    var local = ReferenceEquals(party, own) ? ConnectionState.Null : party.State;
                    Raise(new CallTransferred(
                        observer.DirectoryNumber, call.CallId, null, device, target.Number, connections, local, PbxCallCause.SingleStepTransfer));
                }
            }

            transferring.Calls.Remove(call);
            own.State = ConnectionState.Null;
            ReplaceParty(call, own, target);
            call.Caller = other;
            call.Callee = target;
            call.CalledNumber = number;
            call.LastRedirection = device;
            Log.CallTransferred(_logger, call.CallId, null, device);
            Offer(call, PbxCallCause.SingleStepTransfer);
        }
    }

    /// <summary>
    /// Joins the device's held call and its connected call into a conference that keeps the held call's id.
    /// Every party's monitors see ConferencedEvent.
    /// </summary>
    public string Conference(string device)
    {
        lock (_lock)
        {
            var conferencing = Find(device);
            var (held, active) = HeldAndActive(conferencing, "conference");
            var activeOwn = active.PartyOf(conferencing)!;
            if (active.Parties.Any(p => p.State != ConnectionState.Connected))
            {
                throw new PbxOperationException(
                    PbxFailure.NoActiveCall,
                    $"Device {device} cannot conference: call {active.CallId} is not answered yet ({DescribeState(conferencing)}).");
            }

            var heldOwn = held.PartyOf(conferencing)!;
            var added = active.Parties.Where(p => !ReferenceEquals(p, activeOwn)).ToList();
            StopNoAnswerTimer(active);
            _calls.Remove(active.CallId);
            conferencing.Calls.Remove(active);
            foreach (var party in added)
            {
                party.Device?.Calls.Remove(active);
                party.Device?.Calls.Add(held);
                held.Parties.Add(party);
            }

            heldOwn.State = ConnectionState.Connected;
            var connections = held.Parties
                .Select(p => new JoinedParty(p.Number, held.CallId, added.Contains(p) ? active.CallId : held.CallId))
                .ToList();
            foreach (var party in held.Parties)
            {
                if (party.Device is { } observer)
                {
                    Raise(new CallConferenced(
                        observer.DirectoryNumber, held.CallId, active.CallId, device, added[0].Number, connections, party.State, PbxCallCause.Conference));
                }
            }

            Log.CallConferenced(_logger, held.CallId, active.CallId, device);
            return held.CallId;
        }
    }

    /// <summary>
    /// <paramref name="pickingDevice"/> answers the call ringing at <paramref name="ringingDevice"/> (directed
    /// pickup). The ringing device's monitors see DivertedEvent with cause callPickup. The picking device and
    /// the caller see Delivered, then Established, with cause callPickup.
    /// </summary>
    public void Pickup(string pickingDevice, string ringingDevice)
    {
        lock (_lock)
        {
            var picking = Find(pickingDevice);
            var ringing = Find(ringingDevice);
            if (RingingCall(ringing) is not { } call)
            {
                throw new PbxOperationException(
                    PbxFailure.NoCallToAnswer, $"Device {pickingDevice} cannot pick up at {ringingDevice}: {ringingDevice} is {DescribeState(ringing)}.");
            }

            EnsureCanPlaceCall(picking);

            var diverting = call.PartyOf(ringing)!;
            StopNoAnswerTimer(call);
            ringing.Calls.Remove(call);
            diverting.State = ConnectionState.Null;
            Raise(new CallDiverted(
                ringingDevice, call.CallId, ringingDevice, pickingDevice, call.Caller.Number, call.CalledNumber, ConnectionState.Null, PbxCallCause.CallPickup));

            var target = new CallParty(pickingDevice, picking) { State = ConnectionState.Alerting };
            ReplaceParty(call, diverting, target);
            call.Callee = target;
            call.LastRedirection = ringingDevice;
            picking.Calls.Add(call);
            foreach (var party in call.Parties)
            {
                if (party.Device is { } observer)
                {
                    Raise(new CallDelivered(
                        observer.DirectoryNumber, call.CallId, pickingDevice, call.Caller.Number, call.CalledNumber, party.State, PbxCallCause.CallPickup)
                    {
                        LastRedirectionDevice = ringingDevice,
                    });
                }
            }

            Establish(call, target, PbxCallCause.CallPickup);
        }
    }

    private void HoldCall(PbxCall call, CallParty holding, PbxCallCause cause)
    {
        holding.State = ConnectionState.Hold;
        foreach (var party in call.Parties)
        {
            if (party.Device is { } observer)
            {
                Raise(new CallHeld(observer.DirectoryNumber, call.CallId, holding.Number, party.State, cause));
            }
        }
    }

    private PbxCall ConnectedCall(PbxDevice device, string action)
    {
        if (device.ActiveCall is { } call && call.PartyOf(device)!.State == ConnectionState.Connected
            && call.Parties.All(p => p.State is ConnectionState.Connected or ConnectionState.Hold))
        {
            return call;
        }

        throw new PbxOperationException(
            PbxFailure.NoActiveCall, $"Device {device.DirectoryNumber} cannot {action} a call: it has no answered call, it is {DescribeState(device)}.");
    }

    private (PbxCall Held, PbxCall Active) HeldAndActive(PbxDevice device, string action)
    {
        if (device.HeldCall is not { } held)
        {
            throw new PbxOperationException(
                PbxFailure.NoHeldCall, $"Device {device.DirectoryNumber} cannot {action}: it has no held call, it is {DescribeState(device)}.");
        }

        if (device.ActiveCall is not { } active || active.PartyOf(device)!.State != ConnectionState.Connected)
        {
            throw new PbxOperationException(
                PbxFailure.NoActiveCall, $"Device {device.DirectoryNumber} cannot {action}: it has no active call, it is {DescribeState(device)}.");
        }

        return (held, active);
    }

    private static CallParty TwoPartyOther(PbxCall call, PbxDevice device, string action)
    {
        if (call.Parties.Count != 2)
        {
            throw new PbxOperationException(
                PbxFailure.NotSupportedByProfile,
                $"Device {device.DirectoryNumber} cannot {action} conference {call.CallId}: it has {call.Parties.Count} parties. Leave the conference instead.");
        }

        return call.OtherThan(call.PartyOf(device)!);
    }
}
