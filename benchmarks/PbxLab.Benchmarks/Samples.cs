using PbxLab.Csta.Messages;

namespace PbxLab.Benchmarks;

/// <summary>CSTA messages shaped like a MiVoice Office 400 incoming call, for the benchmarks.</summary>
internal static class Samples
{
    public static DeliveredEvent Delivered(string monitorCrossRefId, string callId, string device) => new(
        monitorCrossRefId,
        new ConnectionId(callId, device),
        ExtendedDeviceId.Known(device),
        ExtendedDeviceId.Known("0123456789"),
        ExtendedDeviceId.Known(device),
        LocalConnectionState.Alerting,
        EventCause.NewCall);

    public static ConnectionClearedEvent Cleared(string monitorCrossRefId, string callId, string device) => new(
        monitorCrossRefId,
        new ConnectionId(callId, device),
        ExtendedDeviceId.Known(device),
        LocalConnectionState.Null,
        EventCause.NormalClearing);
}
