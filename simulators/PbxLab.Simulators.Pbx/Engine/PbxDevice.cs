namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>Mutable state of one device; guarded by the engine's lock.</summary>
internal sealed class PbxDevice(string directoryNumber, string? owner, string? displayName, bool cloudLinkRole)
{
    public string DirectoryNumber { get; } = directoryNumber;

    public string? Owner { get; } = owner;

    public string? DisplayName { get; } = displayName;

    public bool CloudLinkRole { get; set; } = cloudLinkRole;

    public bool DoNotDisturb { get; set; }

    public PbxUserPresence UserPresence { get; set; } = PbxUserPresence.Available;

    public bool InService { get; set; } = true;

    /// <summary>The device's calls: at most one active, plus one held during a consultation.</summary>
    public List<PbxCall> Calls { get; } = [];

    /// <summary>Forwarding destinations that are switched on, by type.</summary>
    public Dictionary<PbxForwardingType, string> Forwarding { get; } = [];

    /// <summary>How long a call rings before forward on no answer diverts it. Null uses the engine's no-answer timeout.</summary>
    public TimeSpan? NoAnswerForwardAfter { get; set; }

    /// <summary>The call the device is talking on, dialling or ringing in, as opposed to a held one.</summary>
    public PbxCall? ActiveCall => Calls.FirstOrDefault(c => c.PartyOf(this)?.State is not ConnectionState.Hold);

    public PbxCall? HeldCall => Calls.FirstOrDefault(c => c.PartyOf(this)?.State is ConnectionState.Hold);
}
