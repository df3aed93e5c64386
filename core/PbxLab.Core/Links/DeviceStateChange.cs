using PbxLab.Core.Presence;

namespace PbxLab.Core.Links;

/// <summary>A change that a <see cref="LineStateTracker"/> reports for one device: a new line state or a new user presence.</summary>
public readonly record struct DeviceStateChange(string DeviceId, LineState? LineState, PbxUserPresence? UserPresence)
{
    public static DeviceStateChange Line(string deviceId, LineState lineState) => new(deviceId, lineState, null);

    public static DeviceStateChange Presence(string deviceId, PbxUserPresence presence) => new(deviceId, null, presence);
}
