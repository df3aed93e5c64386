using System.Globalization;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Pbx.Engine;

// The call state machine: dial, alert, answer, clear, reject, fail and the no-answer timeout.
public sealed partial class PbxEngine
{
    // Stops a chain of forwardings that leads back to itself.
    private const int MaxDiversions = 5;

    /// <summary>
    /// Places a call from a device. <paramref name="number"/> is a directory number, or the trunk access
    /// code followed by an external number. Returns the call id; a call that cannot reach its
    /// destination (busy, do not disturb, unknown number) still gets an id and fails with a FailedEvent.
    /// </summary>
    public string Dial(string fromDevice, string number, PbxCallCause cause = PbxCallCause.NewCall)
    {
        lock (_lock)
        {
            var caller = Find(fromDevice);
            EnsureCanPlaceCall(caller);
            return PlaceCall(caller, number, cause);
        }
    }

    /// <summary>
    /// Offers a call from an external number on the trunk to a device. Returns the call id.
    /// <paramref name="callingNumber"/> is E.164 ("+33123456789"), which the device sees as the profile's
    /// dial plan presents it. Digits without '+', which the device sees unchanged. Or
    /// <see cref="PbxNumbers.Restricted"/> or <see cref="PbxNumbers.NotKnown"/> for a withheld number.
    /// A busy, do-not-disturb or out-of-service device rejects the call without any event, because only
    /// the external caller, who has no monitor, would see the failure.
    /// </summary>
    public string IncomingExternalCall(string callingNumber, string toDevice)
    {
        lock (_lock)
        {
            if (!PbxNumbers.IsWithheld(callingNumber) && !IsExternalNumber(callingNumber))
            {
                throw new PbxOperationException(
                    PbxFailure.InvalidNumber,
                    $"Calling number '{callingNumber}' is invalid. Use 1 to 32 digits with an optional leading '+', " +
                    $"or {PbxNumbers.Restricted} or {PbxNumbers.NotKnown} for a withheld number.");
            }

            var callee = Find(toDevice);
            var presented = PbxNumbers.IsWithheld(callingNumber) || !callingNumber.StartsWith('+')
                ? callingNumber
                : DialPlanNumbers.PresentIncoming(callingNumber, Profile.DialPlan);
            var caller = new CallParty(presented, null) { State = ConnectionState.Connected };
            var call = new PbxCall(NextCallId(), caller, new CallParty(callee.DirectoryNumber, callee), callee.DirectoryNumber);
            _calls.Add(call.CallId, call);
            Log.CallPlaced(_logger, call.CallId, presented, toDevice);

            Offer(call, PbxCallCause.NewCall);
            return call.CallId;
        }
    }

    /// <summary>Answers the call that is ringing at a device.</summary>
    public void Answer(string device)
    {
        lock (_lock)
        {
            var answering = Find(device);
            if (RingingCall(answering) is not { } call)
            {
                throw new PbxOperationException(
                    PbxFailure.NoCallToAnswer,
                    $"Device {device} has no call to answer: it is {DescribeState(answering)}.");
            }

            Establish(call, call.PartyOf(answering)!, PbxCallCause.NewCall);
        }
    }

    /// <summary>The external party of an outgoing call answers.</summary>
    public void AnswerExternal(string callId)
    {
        lock (_lock)
        {
            var call = FindCall(callId);
            if (!call.Callee.IsExternal || call.Callee.State != ConnectionState.Alerting)
            {
                throw new PbxOperationException(
                    PbxFailure.NoCallToAnswer,
                    $"Call {callId} has no external party ringing: the called party {call.Callee.Number} is " +
                    $"{(call.Callee.IsExternal ? "external" : "internal")} and {call.Callee.State}.");
            }

            Establish(call, call.Callee, PbxCallCause.NewCall);
        }
    }

    /// <summary>
    /// Clears the device's active call, or its held call when it has no other. A ringing call is
    /// rejected (see <see cref="Reject"/>). A party leaving a conference leaves the others connected.
    /// </summary>
    public void Hangup(string device)
    {
        lock (_lock)
        {
            var releasing = Find(device);
            if ((releasing.ActiveCall ?? releasing.HeldCall) is not { } call)
            {
                throw new PbxOperationException(PbxFailure.NoCallToClear, $"Device {device} has no call to clear: it is idle.");
            }

            var party = call.PartyOf(releasing)!;
            if (party.State == ConnectionState.Alerting)
            {
                RejectCall(call, party);
                return;
            }

            Clear(call, party, PbxCallCause.NormalClearing);
        }
    }

    /// <summary>
    /// The called user refuses the ringing call. Its monitors see the alerting connection cleared with
    /// cause busy. The caller's see FailedEvent with cause busy, then their connection cleared.
    /// </summary>
    public void Reject(string device)
    {
        lock (_lock)
        {
            var rejecting = Find(device);
            if (RingingCall(rejecting) is not { } call)
            {
                throw new PbxOperationException(
                    PbxFailure.NoCallToClear,
                    $"Device {device} has no ringing call to reject: it is {DescribeState(rejecting)}.");
            }

            RejectCall(call, call.PartyOf(rejecting)!);
        }
    }

    /// <summary>The external party hangs up.</summary>
    public void HangupExternal(string callId)
    {
        lock (_lock)
        {
            var call = FindCall(callId);
            if (call.Parties.FirstOrDefault(p => p.IsExternal) is not { } external)
            {
                throw new PbxOperationException(
                    PbxFailure.NoCallToClear,
                    $"Call {callId} has no external party: it runs between {string.Join(", ", call.Parties.Select(p => p.Number))}.");
            }

            Clear(call, external, PbxCallCause.NormalClearing);
        }
    }

    /// <summary>Returns the ids of the calls in progress.</summary>
    public IReadOnlyList<string> GetActiveCallIds()
    {
        lock (_lock)
        {
            return [.. _calls.Keys];
        }
    }

    private string PlaceCall(PbxDevice caller, string number, PbxCallCause cause)
    {
        if (string.IsNullOrEmpty(number) || number.Length > 32 || !number.All(IsDialDigit))
        {
            throw new PbxOperationException(
                PbxFailure.InvalidNumber,
                $"Device {caller.DirectoryNumber} cannot dial '{number}': a number contains 1 to 32 digits, '*' or '#'.");
        }

        // Step 1: the caller goes off-hook and dials (ECMA-269 ServiceInitiated, then Originated).
        var callee = CalleeFor(number);
        var call = new PbxCall(NextCallId(), new CallParty(caller.DirectoryNumber, caller), callee ?? new CallParty(number, null), number);
        _calls.Add(call.CallId, call);
        caller.Calls.Add(call);
        call.Caller.State = ConnectionState.Initiated;
        Raise(new CallServiceInitiated(caller.DirectoryNumber, call.CallId, ConnectionState.Initiated, cause));

        call.Caller.State = ConnectionState.Connected;
        var originatedCause = cause == PbxCallCause.Consultation ? PbxCallCause.Consultation : PbxCallCause.NewCall;
        Raise(new CallOriginated(caller.DirectoryNumber, call.CallId, caller.DirectoryNumber, number, ConnectionState.Connected, originatedCause));
        Log.CallPlaced(_logger, call.CallId, caller.DirectoryNumber, number);

        // Step 2: offer the call to the destination, or fail it with the reason.
        if (callee is null)
        {
            Fail(call, PbxCallCause.DestNotObtainable);
        }
        else
        {
            Offer(call, PbxCallCause.NewCall);
        }

        return call.CallId;
    }

    private void EnsureCanPlaceCall(PbxDevice caller)
    {
        if (!caller.InService)
        {
            throw new PbxOperationException(
                PbxFailure.DeviceOutOfService, $"Device {caller.DirectoryNumber} cannot place a call: it is out of service.");
        }

        if (caller.Calls.Count > 0)
        {
            throw new PbxOperationException(
                PbxFailure.DeviceBusy, $"Device {caller.DirectoryNumber} cannot place a call: it is {DescribeState(caller)}.");
        }
    }

    // A directory number wins over the trunk route, so a device numbered like an external prefix stays reachable.
    private CallParty? CalleeFor(string number)
    {
        if (_devices.TryGetValue(number, out var device))
        {
            return new CallParty(number, device);
        }

        var trunkAccessCode = Profile.DialPlan.TrunkAccessCode;
        if (number.Length > trunkAccessCode.Length && number.StartsWith(trunkAccessCode, StringComparison.Ordinal))
        {
            return new CallParty(number[trunkAccessCode.Length..], null);
        }

        return null;
    }

    // Offers the call to its callee: forwarding first (immediate, then busy), then do not disturb and busy,
    // then ringing with a timer for forward on no answer or the no-answer timeout.
    private void Offer(PbxCall call, PbxCallCause cause)
    {
        var callee = call.Callee;
        if (callee.Device is { } device)
        {
            // NOTE: an out-of-service device fails like an unknown number; no trace shows MiVO400's cause for it.
            if (!device.InService)
            {
                Fail(call, PbxCallCause.DestNotObtainable);
                return;
            }

            if (device.Forwarding.TryGetValue(PbxForwardingType.Immediate, out var immediate) && call.Diversions < MaxDiversions)
            {
                Divert(call, immediate, PbxCallCause.CallForwardImmediate);
                return;
            }

            if (device.DoNotDisturb)
            {
                Fail(call, PbxCallCause.DoNotDisturb);
                return;
            }

            if (device.Calls.Count > 0)
            {
                if (device.Forwarding.TryGetValue(PbxForwardingType.Busy, out var busy) && call.Diversions < MaxDiversions)
                {
                    Divert(call, busy, PbxCallCause.CallForwardBusy);
                    return;
                }

                Fail(call, PbxCallCause.Busy);
                return;
            }

            device.Calls.Add(call);
        }

        callee.State = ConnectionState.Alerting;
        foreach (var party in call.Parties.ToArray())
        {
            if (party.Device is { } observer)
            {
                Raise(new CallDelivered(
                    observer.DirectoryNumber, call.CallId, callee.Number, call.Caller.Number, call.CalledNumber, party.State, cause)
                {
                    LastRedirectionDevice = call.LastRedirection,
                });
            }
        }

        var timeout = NoAnswerTimeout;
        if (callee.Device is { } ringing
            && ringing.Forwarding.ContainsKey(PbxForwardingType.NoAnswer)
            && call.Diversions < MaxDiversions)
        {
            timeout = ringing.NoAnswerForwardAfter ?? NoAnswerTimeout;
        }

        StartNoAnswerTimer(call, timeout);
    }

    private void StartNoAnswerTimer(PbxCall call, TimeSpan timeout)
    {
        call.NoAnswerTimer?.Dispose();
        call.NoAnswerTimer = _timeProvider.CreateTimer(
            static state => ((NoAnswerState)state!).Fire(), new NoAnswerState(this, call, call.Callee), timeout, Timeout.InfiniteTimeSpan);
    }

    // The callee's forwarding sends the call on: its monitors see DivertedEvent, then the call is offered to
    // the destination, whose Delivered carries the diverting device as lastRedirectionDevice.
    private void Divert(PbxCall call, string destination, PbxCallCause cause)
    {
        var diverting = call.Callee;
        var divertingDevice = diverting.Device!;
        StopNoAnswerTimer(call);
        divertingDevice.Calls.Remove(call);
        diverting.State = ConnectionState.Null;
        Raise(new CallDiverted(
            divertingDevice.DirectoryNumber, call.CallId, divertingDevice.DirectoryNumber, destination, call.Caller.Number, call.CalledNumber,
            ConnectionState.Null, cause));
        Log.CallDiverted(_logger, call.CallId, divertingDevice.DirectoryNumber, destination, cause);

        var target = CalleeFor(destination) ?? new CallParty(destination, null);
        ReplaceParty(call, diverting, target);
        call.Callee = target;
        call.LastRedirection = divertingDevice.DirectoryNumber;
        call.Diversions++;
        Offer(call, cause);
    }

    private static void ReplaceParty(PbxCall call, CallParty old, CallParty replacement)
    {
        var index = call.Parties.IndexOf(old);
        call.Parties[index] = replacement;
    }

    private void Establish(PbxCall call, CallParty answering, PbxCallCause cause)
    {
        StopNoAnswerTimer(call);
        answering.State = ConnectionState.Connected;

        foreach (var party in call.Parties)
        {
            if (party.Device is { } observer)
            {
                Raise(new CallEstablished(
                    observer.DirectoryNumber, call.CallId, answering.Number, call.Caller.Number, call.CalledNumber, party.State, cause));
            }
        }

        Log.CallAnswered(_logger, call.CallId, answering.Number);
    }

    // The releasing side sees its connection cleared first, then the others. In a conference of three or
    // more, only the releasing party leaves. The others see its connection dropped and stay connected.
    private void Clear(PbxCall call, CallParty releasing, PbxCallCause cause)
    {
        if (call.Parties.Count > 2)
        {
            Leave(call, releasing, cause);
            return;
        }

        End(call);
        foreach (var party in new[] { releasing, call.OtherThan(releasing) })
        {
            party.State = ConnectionState.Null;
            if (party.Device is { } observer)
            {
                Raise(new CallConnectionCleared(observer.DirectoryNumber, call.CallId, releasing.Number, ConnectionState.Null, cause));
            }
        }

        Log.CallCleared(_logger, call.CallId, releasing.Number, cause);
    }

    private void Leave(PbxCall call, CallParty leaving, PbxCallCause cause)
    {
        call.Parties.Remove(leaving);
        leaving.Device?.Calls.Remove(call);
        leaving.State = ConnectionState.Null;
        if (leaving.Device is { } left)
        {
            Raise(new CallConnectionCleared(left.DirectoryNumber, call.CallId, leaving.Number, ConnectionState.Null, cause));
        }

        foreach (var party in call.Parties)
        {
            if (party.Device is { } observer)
            {
                Raise(new CallConnectionCleared(observer.DirectoryNumber, call.CallId, leaving.Number, party.State, cause)
                {
                    DroppedDevice = leaving.Number,
                });
            }
        }

        if (ReferenceEquals(call.Caller, leaving))
        {
            call.Caller = call.Parties[0];
        }

        if (ReferenceEquals(call.Callee, leaving))
        {
            call.Callee = call.Parties.First(p => !ReferenceEquals(p, call.Caller));
        }

        Log.CallCleared(_logger, call.CallId, leaving.Number, cause);
    }

    // NOTE: ECMA-269 has no cause for a rejected call, and no trace shows what a Mitel PBX sends when the
    // callee rejects. The simulator assumes cause busy at both ends: the rejecting device's connection is
    // cleared with busy, and the caller fails with busy, which is also what the caller hears.
    private void RejectCall(PbxCall call, CallParty rejecting)
    {
        End(call);
        rejecting.State = ConnectionState.Null;
        Raise(new CallConnectionCleared(
            rejecting.Device!.DirectoryNumber, call.CallId, rejecting.Number, ConnectionState.Null, PbxCallCause.Busy));
        FailOthers(call, rejecting, PbxCallCause.Busy);
        Log.CallFailed(_logger, call.CallId, rejecting.Number, PbxCallCause.Busy);
    }

    // The destination was not reached or did not answer. The other side sees FailedEvent with its connection
    // in fail, then its connection cleared. A ringing device sees only its connection cleared.
    // NOTE: the switch clears the failed connection at once, as if the caller hung up on the busy tone; a real
    // phone stays in fail until it goes on-hook.
    private void Fail(PbxCall call, PbxCallCause cause)
    {
        End(call);
        var callee = call.Callee;
        if (callee.Device is { } ringing && callee.State == ConnectionState.Alerting)
        {
            callee.State = ConnectionState.Null;
            Raise(new CallConnectionCleared(ringing.DirectoryNumber, call.CallId, callee.Number, ConnectionState.Null, cause));
        }

        FailOthers(call, callee, cause);
        Log.CallFailed(_logger, call.CallId, callee.Number, cause);
    }

    private void FailOthers(PbxCall call, CallParty failing, PbxCallCause cause)
    {
        foreach (var party in call.Parties.Where(p => !ReferenceEquals(p, failing)))
        {
            if (party.Device is not { } observer)
            {
                continue;
            }

            party.State = ConnectionState.Fail;
            Raise(new CallFailed(
                observer.DirectoryNumber, call.CallId, failing.Number, call.Caller.Number, call.CalledNumber, ConnectionState.Fail, cause));

            party.State = ConnectionState.Null;
            Raise(new CallConnectionCleared(observer.DirectoryNumber, call.CallId, observer.DirectoryNumber, ConnectionState.Null, cause));
        }
    }

    private void End(PbxCall call)
    {
        StopNoAnswerTimer(call);
        _calls.Remove(call.CallId);
        foreach (var device in call.Devices)
        {
            device.Calls.Remove(call);
        }
    }

    private static void StopNoAnswerTimer(PbxCall call)
    {
        call.NoAnswerTimer?.Dispose();
        call.NoAnswerTimer = null;
    }

    // A timer callback: an exception escaping it would end the process, so it is logged instead.
    private void OnNoAnswer(PbxCall call, CallParty ringing)
    {
        lock (_lock)
        {
            // The timer can fire after an answer, a clear or a diversion raced it. Only the same party still ringing counts.
            if (_disposed || !_calls.ContainsKey(call.CallId) || !ReferenceEquals(call.Callee, ringing) || ringing.State != ConnectionState.Alerting)
            {
                return;
            }

            try
            {
                if (ringing.Device is { } device
                    && device.Forwarding.TryGetValue(PbxForwardingType.NoAnswer, out var destination)
                    && call.Diversions < MaxDiversions)
                {
                    Divert(call, destination, PbxCallCause.CallForwardNoAnswer);
                }
                else
                {
                    Fail(call, PbxCallCause.CallNotAnswered);
                }
            }
            catch (Exception exception)
            {
                Log.NoAnswerFailed(_logger, exception, call.CallId);
            }
        }
    }

    private PbxCall FindCall(string callId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (callId is not null && _calls.TryGetValue(callId, out var call))
        {
            return call;
        }

        throw new PbxOperationException(PbxFailure.UnknownCall, $"Call '{callId}' is not active. Use the id that Dial or IncomingExternalCall returned.");
    }

    private string NextCallId()
    {
        _lastCallNumber++;
        return _lastCallNumber.ToString("D8", CultureInfo.InvariantCulture);
    }

    private static PbxCall? RingingCall(PbxDevice device) =>
        device.Calls.FirstOrDefault(c => c.PartyOf(device)?.State == ConnectionState.Alerting);

    private static string DescribeState(PbxDevice device)
    {
        if (device.Calls.Count == 0)
        {
            return "idle";
        }

        return string.Join(
            " and ",
            device.Calls.Select(call =>
            {
                var own = call.PartyOf(device)!;
                var others = string.Join(", ", call.Parties.Where(p => !ReferenceEquals(p, own)).Select(p => p.Number));
                return $"{own.State.ToString().ToLowerInvariant()} in call {call.CallId} with {others}";
            }));
    }

    private static bool IsDialDigit(char c) => char.IsAsciiDigit(c) || c is '*' or '#';

    private static bool IsExternalNumber(string? number)
    {
        if (string.IsNullOrEmpty(number) || number.Length > 32)
        {
            return false;
        }

        var digits = number.StartsWith('+') ? number.AsSpan(1) : number.AsSpan();
        return digits.Length > 0 && !digits.ContainsAnyExcept("0123456789");
    }

    private sealed class NoAnswerState(PbxEngine engine, PbxCall call, CallParty ringing)
    {
        public void Fire() => engine.OnNoAnswer(call, ringing);
    }
}
