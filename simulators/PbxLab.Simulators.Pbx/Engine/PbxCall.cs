namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>One party of a call: a device of this PBX, or an external number on the trunk.</summary>
internal sealed class CallParty(string number, PbxDevice? device)
{
    /// <summary>
    /// Directory number of the device. For an external party the number as this PBX presents it
    /// (dialled number without the trunk access code, or the presented caller number), or a
    /// <see cref="PbxNumbers"/> withheld marker.
    /// </summary>
    public string Number { get; } = number;

    public PbxDevice? Device { get; } = device;

    public bool IsExternal => Device is null;

    public ConnectionState State { get; set; } = ConnectionState.Null;
}

/// <summary>
/// Mutable state of one call. Guarded by the engine's lock. A call has two parties, or more in a
/// conference. <see cref="Caller"/> and <see cref="Callee"/> are the calling and called parties that
/// events name. A transfer, a diversion or a pickup changes them.
/// </summary>
internal sealed class PbxCall(string callId, CallParty caller, CallParty callee, string calledNumber)
{
    public string CallId { get; } = callId;

    public List<CallParty> Parties { get; } = [caller, callee];

    public CallParty Caller { get; set; } = caller;

    public CallParty Callee { get; set; } = callee;

    /// <summary>The number as the caller dialled it; for outgoing external calls it starts with the trunk access code.</summary>
    public string CalledNumber { get; set; } = calledNumber;

    /// <summary>The device that last diverted the call, for lastRedirectionDevice.</summary>
    public string? LastRedirection { get; set; }

    /// <summary>Diversions so far. A limit stops forwarding loops.</summary>
    public int Diversions { get; set; }

    public ITimer? NoAnswerTimer { get; set; }

    public IEnumerable<PbxDevice> Devices => Parties.Select(p => p.Device).OfType<PbxDevice>();

    public CallParty? PartyOf(PbxDevice device) => Parties.FirstOrDefault(p => ReferenceEquals(p.Device, device));

    public CallParty OtherThan(CallParty party) => Parties.First(p => !ReferenceEquals(p, party));

    public CallInfo ToInfo(PbxDevice device)
    {
        var own = PartyOf(device)!;
        var remote = OtherThan(own);
        return new CallInfo(CallId, own.State, remote.State, Caller.Number, CalledNumber, remote.Number, remote.IsExternal)
        {
            Parties = [.. Parties.Where(p => !ReferenceEquals(p, own)).Select(p => p.Number)],
        };
    }
}
