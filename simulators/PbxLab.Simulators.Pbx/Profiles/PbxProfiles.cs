using PbxLab.Csta;

namespace PbxLab.Simulators.Pbx.Profiles;

/// <summary>
/// The four Mitel profiles. Device, BHCC and CloudLink role figures are from the vendor's CloudLink
/// solution guide; MiVO400 ed5 and MX-ONE ed4 on port 8882 are from field traces.
/// </summary>
public static class PbxProfiles
{
    // NOTE: no source gives a heartbeat period for any of the four PBXs; 30 s is a guess that keeps a
    // silent link visible within a minute.
    private static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(30);

    /// <summary>
    /// MiVoice Office 400: ECMA-323 ed5 (estos trace), one CSTA-session licence per monitored device,
    /// PBX user presence (Available, Absent, Meeting, Busy, Not available).
    /// </summary>
    public static PbxProfile MiVo400 { get; } = new(
        Name: "mivo400",
        DisplayName: "MiVoice Office 400",
        MaxDevices: 800,
        Bhcc: 4_200,
        MaxRoleUsers: 800,
        CstaEdition: CstaEdition.Ed5,
        // NOTE: no source confirms the MiVO400 CSTA port; 7001 is an assumption.
        DefaultPort: 7001,
        SupportsUserPresence: true,
        // NOTE: an assumption; the PBX speaking first with SystemStatus is OpenScape Voice behaviour.
        SpeaksFirst: true,
        MonitorLicences: 800,
        HeartbeatInterval: DefaultHeartbeat,
        // NOTE: region FR is an assumption (the solution guide's examples are French).
        DialPlan: PbxDialPlan.For("FR"));

    /// <summary>MiVoice 5000: ports 3211 to 3213 and the role limit (2,500, role CTI) from the solution guide.</summary>
    public static PbxProfile MiVoice5000 { get; } = new(
        Name: "mivoice5000",
        DisplayName: "MiVoice 5000",
        MaxDevices: 2_500,
        Bhcc: 16_000,
        MaxRoleUsers: 2_500,
        // NOTE: the real PBX probably speaks ECMA-285 BER; it is emulated as ECMA-323 ed5 XML.
        CstaEdition: CstaEdition.Ed5,
        DefaultPort: 3211,
        SupportsUserPresence: false,
        SpeaksFirst: false,
        MonitorLicences: 2_500,
        HeartbeatInterval: DefaultHeartbeat,
        // NOTE: region FR is an assumption (MiVoice 5000 is the French product line).
        DialPlan: PbxDialPlan.For("FR"));

    /// <summary>MiVoice MX-ONE: ECMA-323 ed4 on port 8882 (field trace), role limit 5,000 (role User).</summary>
    public static PbxProfile MxOne { get; } = new(
        Name: "mxone",
        DisplayName: "MiVoice MX-ONE",
        MaxDevices: 10_000,
        Bhcc: 24_000,
        MaxRoleUsers: 5_000,
        CstaEdition: CstaEdition.Ed4,
        DefaultPort: 8882,
        SupportsUserPresence: false,
        SpeaksFirst: false,
        // NOTE: MX-ONE monitor limits are not documented; one licence per device is assumed.
        MonitorLicences: 10_000,
        HeartbeatInterval: DefaultHeartbeat,
        // NOTE: region SE is an assumption (MX-ONE comes from Ericsson's Swedish line).
        DialPlan: PbxDialPlan.For("SE"));

    /// <summary>MiVoice Business: 5,600 monitors per server (MiTAI figure), role limit 2,500.</summary>
    public static PbxProfile MiVb { get; } = new(
        Name: "mivb",
        DisplayName: "MiVoice Business",
        MaxDevices: 5_000,
        Bhcc: 12_000,
        MaxRoleUsers: 2_500,
        // NOTE: the real product uses MiTAI; it is emulated as ECMA-323 ed5 XML.
        CstaEdition: CstaEdition.Ed5,
        DefaultPort: 0,
        SupportsUserPresence: false,
        SpeaksFirst: false,
        MonitorLicences: 5_600,
        HeartbeatInterval: DefaultHeartbeat,
        // NOTE: region US is an assumption (MiVoice Business is sold mostly in North America).
        DialPlan: PbxDialPlan.For("US"));

    public static IReadOnlyList<PbxProfile> All { get; } = [MiVo400, MiVoice5000, MxOne, MiVb];

    /// <summary>Finds a profile by name, ignoring case.</summary>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PbxProfile? profile)
    {
        profile = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return profile is not null;
    }

    /// <summary>Returns the profile with that name, ignoring case, or throws with the list of known names.</summary>
    public static PbxProfile Get(string name)
    {
        if (TryGet(name, out var profile))
        {
            return profile;
        }

        var known = string.Join(", ", All.Select(p => p.Name));
        throw new ArgumentException($"Unknown PBX profile '{name}'. Use one of: {known}.", nameof(name));
    }
}
