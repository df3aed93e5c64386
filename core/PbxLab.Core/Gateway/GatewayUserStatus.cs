using PbxLab.Core.Graph;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Gateway;

/// <summary>A snapshot of the gateway's state for one configured user.</summary>
/// <param name="MatchedId">Entra object id, or null while the user is not matched.</param>
/// <param name="Monitored">Whether the PBX accepted MonitorStart for the device and the link is up.</param>
/// <param name="WithinRoleLimit">False when the user is beyond the profile's role limit and is not monitored.</param>
/// <param name="LineState">State of the device's line, or null while none is known.</param>
/// <param name="UserPresence">MiVoice Office 400 user presence, or null while none is known.</param>
/// <param name="Presence">Combined CloudLink presence: what Mitel One shows.</param>
/// <param name="LastWrite">The latest presence write sent to Graph, or null before the first.</param>
public sealed record GatewayUserStatus(
    string Email,
    string Device,
    string Link,
    string? MatchedId,
    bool Monitored,
    bool WithinRoleLimit,
    LineState? LineState,
    PbxUserPresence? UserPresence,
    CloudLinkPresence Presence,
    GraphWriteRecord? LastWrite);
