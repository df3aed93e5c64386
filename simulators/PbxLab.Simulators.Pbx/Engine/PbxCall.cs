namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>One side of a call: a device of this PBX, or an external number on the trunk.</summary>
internal sealed class CallParty(string number, PbxDevice? device)
{
    /// <summary>Directory number of the device, or the external number without the trunk access code.</summary>
    public string Number { get; } = number;

    public PbxDevice? Device { get; } = device;

    public bool IsExternal => Device is null;

    public ConnectionState State { get; set; } = ConnectionState.Null;
}

/// <summary>Mutable state of one two-party call; guarded by the engine's lock.</summary>
internal sealed class PbxCall(string callId, CallParty caller, CallParty callee, string calledNumber)
{
    public string CallId { get; } = callId;

    public CallParty Caller { get; } = caller;

    public CallParty Callee { get; } = callee;

    /// <summary>The number as the caller dialled it; for outgoing external calls it starts with the trunk access code.</summary>
    public string CalledNumber { get; } = calledNumber;

    public ITimer? NoAnswerTimer { get; set; }

    public CallParty PartyOf(PbxDevice device) => ReferenceEquals(Caller.Device, device) ? Caller : Callee;

    public CallParty OtherThan(CallParty party) => ReferenceEquals(party, Caller) ? Callee : Caller;

    public CallInfo ToInfo(PbxDevice device)
    {
        var own = PartyOf(device);
        var remote = OtherThan(own);
        return new CallInfo(CallId, own.State, remote.State, Caller.Number, CalledNumber, remote.Number, remote.IsExternal);
    }
}
