using System.Globalization;

namespace PbxLab.Simulators.Pbx.Engine;

// The call state machine: dial, alert, answer, clear, fail and the no-answer timeout.
public sealed partial class PbxEngine
{
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
            if (string.IsNullOrEmpty(number) || number.Length > 32 || !number.All(IsDialDigit))
            {
                throw new PbxOperationException(
                    PbxFailure.InvalidNumber,
                    $"Device {fromDevice} cannot dial '{number}': a number contains 1 to 32 digits, '*' or '#'.");
            }

            // Step 1: the caller goes off-hook and dials (ECMA-269 ServiceInitiated, then Originated).
            var callee = CalleeFor(number);
            var call = new PbxCall(NextCallId(), new CallParty(caller.DirectoryNumber, caller), callee ?? new CallParty(number, null), number);
            _calls.Add(call.CallId, call);
            caller.Call = call;
            call.Caller.State = ConnectionState.Initiated;
            Raise(new CallServiceInitiated(caller.DirectoryNumber, call.CallId, ConnectionState.Initiated, cause));

            call.Caller.State = ConnectionState.Connected;
            Raise(new CallOriginated(
                caller.DirectoryNumber, call.CallId, caller.DirectoryNumber, number, ConnectionState.Connected, PbxCallCause.NewCall));
            Log.CallPlaced(_logger, call.CallId, caller.DirectoryNumber, number);

            // Step 2: offer the call to the destination, or fail it with the reason.
            if (callee is null)
            {
                Fail(call, PbxCallCause.DestNotObtainable);
            }
            else
            {
                Offer(call);
            }

            return call.CallId;
        }
    }

    /// <summary>
    /// Offers a call from an external number on the trunk to a device; returns the call id. A busy,
    /// do-not-disturb or out-of-service device rejects the call without any event, because only the
    /// external caller, who has no monitor, would see the failure.
    /// </summary>
    public string IncomingExternalCall(string callingNumber, string toDevice)
    {
        lock (_lock)
        {
            if (!IsExternalNumber(callingNumber))
            {
                throw new PbxOperationException(
                    PbxFailure.InvalidNumber,
                    $"Calling number '{callingNumber}' is invalid. Use 1 to 32 digits with an optional leading '+'.");
            }

            var callee = Find(toDevice);
            var caller = new CallParty(callingNumber, null) { State = ConnectionState.Connected };
            var call = new PbxCall(NextCallId(), caller, new CallParty(callee.DirectoryNumber, callee), callee.DirectoryNumber);
            _calls.Add(call.CallId, call);
            Log.CallPlaced(_logger, call.CallId, callingNumber, toDevice);

            Offer(call);
            return call.CallId;
        }
    }

    /// <summary>Answers the call that is ringing at a device.</summary>
    public void Answer(string device)
    {
        lock (_lock)
        {
            var answering = Find(device);
            if (answering.Call is not { } call || call.PartyOf(answering).State != ConnectionState.Alerting)
            {
                throw new PbxOperationException(
                    PbxFailure.NoCallToAnswer,
                    $"Device {device} has no call to answer: it is {DescribeState(answering)}.");
            }

            Establish(call, call.PartyOf(answering));
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

            Establish(call, call.Callee);
        }
    }

    /// <summary>Clears the device's call, whatever state it is in.</summary>
    public void Hangup(string device)
    {
        lock (_lock)
        {
            var releasing = Find(device);
            if (releasing.Call is not { } call)
            {
                throw new PbxOperationException(PbxFailure.NoCallToClear, $"Device {device} has no call to clear: it is idle.");
            }

            Clear(call, call.PartyOf(releasing), PbxCallCause.NormalClearing);
        }
    }

    /// <summary>The external party hangs up.</summary>
    public void HangupExternal(string callId)
    {
        lock (_lock)
        {
            var call = FindCall(callId);
            var external = call.Caller.IsExternal ? call.Caller : call.Callee.IsExternal ? call.Callee : null;
            if (external is null)
            {
                throw new PbxOperationException(
                    PbxFailure.NoCallToClear,
                    $"Call {callId} has no external party: it runs between {call.Caller.Number} and {call.Callee.Number}.");
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

    private void EnsureCanPlaceCall(PbxDevice caller)
    {
        if (!caller.InService)
        {
            throw new PbxOperationException(
                PbxFailure.DeviceOutOfService, $"Device {caller.DirectoryNumber} cannot place a call: it is out of service.");
        }

        if (caller.Call is not null)
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

    private void Offer(PbxCall call)
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

            if (device.DoNotDisturb)
            {
                Fail(call, PbxCallCause.DoNotDisturb);
                return;
            }

            if (device.Call is not null)
            {
                Fail(call, PbxCallCause.Busy);
                return;
            }

            device.Call = call;
        }

        callee.State = ConnectionState.Alerting;
        foreach (var party in new[] { call.Caller, call.Callee })
        {
            if (party.Device is { } observer)
            {
                Raise(new CallDelivered(
                    observer.DirectoryNumber, call.CallId, callee.Number, call.Caller.Number, call.CalledNumber, party.State, PbxCallCause.NewCall));
            }
        }

        call.NoAnswerTimer = _timeProvider.CreateTimer(
            static state => ((NoAnswerState)state!).Fire(), new NoAnswerState(this, call), NoAnswerTimeout, Timeout.InfiniteTimeSpan);
    }

    private void Establish(PbxCall call, CallParty answering)
    {
        call.NoAnswerTimer?.Dispose();
        call.NoAnswerTimer = null;
        answering.State = ConnectionState.Connected;

        foreach (var party in new[] { call.Caller, call.Callee })
        {
            if (party.Device is { } observer)
            {
                Raise(new CallEstablished(
                    observer.DirectoryNumber, call.CallId, answering.Number, call.Caller.Number, call.CalledNumber, party.State, PbxCallCause.NewCall));
            }
        }

        Log.CallAnswered(_logger, call.CallId, answering.Number);
    }

    // The releasing side sees its connection cleared first, then the other side.
    private void Clear(PbxCall call, CallParty releasing, PbxCallCause cause)
    {
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

    // The destination was not reached or did not answer. The caller sees FailedEvent with its connection in
    // fail, then its connection cleared. A ringing device sees only its connection cleared.
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

        if (call.Caller.Device is { } caller)
        {
            call.Caller.State = ConnectionState.Fail;
            Raise(new CallFailed(
                caller.DirectoryNumber, call.CallId, callee.Number, caller.DirectoryNumber, call.CalledNumber, ConnectionState.Fail, cause));

            call.Caller.State = ConnectionState.Null;
            Raise(new CallConnectionCleared(caller.DirectoryNumber, call.CallId, caller.DirectoryNumber, ConnectionState.Null, cause));
        }

        Log.CallFailed(_logger, call.CallId, callee.Number, cause);
    }

    private void End(PbxCall call)
    {
        call.NoAnswerTimer?.Dispose();
        call.NoAnswerTimer = null;
        _calls.Remove(call.CallId);
        foreach (var party in new[] { call.Caller, call.Callee })
        {
            if (party.Device is { } device && ReferenceEquals(device.Call, call))
            {
                device.Call = null;
            }
        }
    }

    // A timer callback: an exception escaping it would end the process, so it is logged instead.
    private void OnNoAnswer(PbxCall call)
    {
        lock (_lock)
        {
            // The timer can fire after an answer or a clear raced it; only a call still ringing fails.
            if (_disposed || !_calls.ContainsKey(call.CallId) || call.Callee.State != ConnectionState.Alerting)
            {
                return;
            }

            try
            {
                Fail(call, PbxCallCause.CallNotAnswered);
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

    private static string DescribeState(PbxDevice device)
    {
        if (device.Call is not { } call)
        {
            return "idle";
        }

        var own = call.PartyOf(device);
        return $"{own.State.ToString().ToLowerInvariant()} in call {call.CallId} with {call.OtherThan(own).Number}";
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

    private sealed class NoAnswerState(PbxEngine engine, PbxCall call)
    {
        public void Fire() => engine.OnNoAnswer(call);
    }
}
