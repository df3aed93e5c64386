using PbxLab.Harness.Scenarios;
using CorePresence = PbxLab.Core.Presence.CloudLinkPresence;
using GraphTeamsClientState = PbxLab.Simulators.Graph.Teams.TeamsClientState;
using SimulatorUserPresence = PbxLab.Simulators.Pbx.Engine.PbxUserPresence;

namespace PbxLab.Harness.World;

/// <summary>Translates the scenario's values into the simulators' and the core's own types.</summary>
internal static class WorldMapping
{
    public static SimulatorUserPresence ToPbx(PbxUserPresenceValue value) => value switch
    {
        PbxUserPresenceValue.Available => SimulatorUserPresence.Available,
        PbxUserPresenceValue.Absent => SimulatorUserPresence.Absent,
        PbxUserPresenceValue.Meeting => SimulatorUserPresence.Meeting,
        PbxUserPresenceValue.Busy => SimulatorUserPresence.Busy,
        PbxUserPresenceValue.NotAvailable => SimulatorUserPresence.NotAvailable,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown PBX user presence."),
    };

    public static GraphTeamsClientState ToGraph(TeamsClientState state) => state switch
    {
        TeamsClientState.Offline => GraphTeamsClientState.NotRunning,
        TeamsClientState.Inactive => GraphTeamsClientState.Inactive,
        TeamsClientState.Active => GraphTeamsClientState.Active,
        TeamsClientState.InCall => GraphTeamsClientState.InCallOrMeeting,
        TeamsClientState.Presenting => GraphTeamsClientState.Presenting,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown Teams client state."),
    };

    public static CloudLinkPresence ToHarness(CorePresence presence) => presence switch
    {
        CorePresence.Available => CloudLinkPresence.Available,
        CorePresence.Busy => CloudLinkPresence.Busy,
        CorePresence.DoNotDisturb => CloudLinkPresence.DoNotDisturb,
        CorePresence.Away => CloudLinkPresence.Away,
        CorePresence.Offline => CloudLinkPresence.Offline,
        _ => CloudLinkPresence.Unknown,
    };

    public static CorePresence ToCore(CloudLinkPresence presence) => presence switch
    {
        CloudLinkPresence.Available => CorePresence.Available,
        CloudLinkPresence.Busy => CorePresence.Busy,
        CloudLinkPresence.DoNotDisturb => CorePresence.DoNotDisturb,
        CloudLinkPresence.Away => CorePresence.Away,
        CloudLinkPresence.Offline => CorePresence.Offline,
        _ => CorePresence.Unknown,
    };
}
