namespace PbxLab.Core.Configuration;

/// <summary>
/// A PBX type the core can connect to, with the maximum number of users that can hold a CloudLink
/// role on one PBX. Limits are from Mitel's CloudLink solution guide; for MiVoice Office 400 the
/// role limit is its device limit.
/// </summary>
/// <param name="Name">Name used in the configuration.</param>
/// <param name="HasUserPresence">Whether the PBX has its own user presence that joins the combination.</param>
public sealed record PbxProfile(string Name, string DisplayName, int RoleLimit, bool HasUserPresence)
{
    public static PbxProfile MiVoiceOffice400 { get; } = new("mivo400", "MiVoice Office 400", 800, true);

    public static PbxProfile MiVoice5000 { get; } = new("mivoice5000", "MiVoice 5000", 2500, false);

    public static PbxProfile MxOne { get; } = new("mxone", "MiVoice MX-ONE", 5000, false);

    public static PbxProfile MiVoiceBusiness { get; } = new("mivb", "MiVoice Business", 2500, false);

    public static IReadOnlyList<PbxProfile> Known { get; } = [MiVoiceOffice400, MiVoice5000, MxOne, MiVoiceBusiness];

    /// <summary>Finds a profile by its configuration name, ignoring case.</summary>
    public static PbxProfile? Find(string? name) =>
        Known.FirstOrDefault(profile => string.Equals(profile.Name, name, StringComparison.OrdinalIgnoreCase));
}
