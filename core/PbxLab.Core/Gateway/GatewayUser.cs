using PbxLab.Core.Configuration;
using PbxLab.Core.Graph;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Gateway;

/// <summary>Mutable state of one configured user; guarded by the host's state lock.</summary>
internal sealed class GatewayUser(GatewayUserConfiguration configuration, PbxLinkConfiguration link, PbxProfile profile, bool withinRoleLimit)
{
    public GatewayUserConfiguration Configuration { get; } = configuration;

    public PbxLinkConfiguration Link { get; } = link;

    public PbxProfile Profile { get; } = profile;

    public bool WithinRoleLimit { get; } = withinRoleLimit;

    public string Email => Configuration.Email;

    public string Device => Configuration.Device;

    public string? MatchedId { get; set; }

    public bool Monitored { get; set; }

    public LineState? LineState { get; set; }

    public PbxUserPresence? UserPresence { get; set; }

    public CloudLinkPresence Presence { get; set; } = CloudLinkPresence.Unknown;

    public GraphWriteRecord? LastWrite { get; set; }

    public GatewayUserStatus ToStatus() => new(
        Email, Device, Link.Name, MatchedId, Monitored, WithinRoleLimit, LineState, UserPresence, Presence, LastWrite);
}
