using PbxLab.Csta;

namespace PbxLab.Simulators.Pbx.Profiles;

/// <summary>
/// Limits and wire habits of one emulated PBX family. Device, BHCC and role figures come from the
/// vendor's CloudLink solution guide. The comments at each profile state whether a trace confirms its wire details.
/// </summary>
/// <param name="Name">Profile name as configured: mivo400, mivoice5000, mxone or mivb.</param>
/// <param name="DisplayName">Product name, for messages.</param>
/// <param name="MaxDevices">Maximum number of devices the PBX holds.</param>
/// <param name="Bhcc">Busy hour call completions the PBX is sized for.</param>
/// <param name="MaxRoleUsers">Maximum number of users with a CloudLink role. The simulator does not enforce it, so a gateway's handling of users beyond it can be tested.</param>
/// <param name="CstaEdition">ECMA-323 edition whose namespace the PBX writes.</param>
/// <param name="DefaultPort">TCP port of the CSTA link, or 0 when the site configures it.</param>
/// <param name="SupportsUserPresence">Whether the PBX keeps a PBX user presence per user and reports its changes.</param>
/// <param name="SpeaksFirst">Whether the PBX sends SystemStatus as soon as a client connects.</param>
/// <param name="MonitorLicences">CSTA-session licences: at most this many monitors at a time across all connections.</param>
/// <param name="HeartbeatInterval">Period of the SystemStatus heartbeat to registered clients.</param>
/// <param name="DialPlan">Trunk access code and region for numbers.</param>
public sealed record PbxProfile(
    string Name,
    string DisplayName,
    int MaxDevices,
    int Bhcc,
    int MaxRoleUsers,
    CstaEdition CstaEdition,
    int DefaultPort,
    bool SupportsUserPresence,
    bool SpeaksFirst,
    int MonitorLicences,
    TimeSpan HeartbeatInterval,
    PbxDialPlan DialPlan)
{
    public override string ToString() => Name;
}
