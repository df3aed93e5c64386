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

    /// <summary>The device's call; a device with a call is busy, so it never holds more than one.</summary>
    public PbxCall? Call { get; set; }
}
