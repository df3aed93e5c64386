using PbxLab.Csta.Messages;

namespace PbxLab.Core.Links;

/// <summary>One call present at a device in a SnapshotDevice result.</summary>
/// <param name="LocalConnectionState">The device's own connection state, or null when the switch reported it as unknown.</param>
public sealed record DeviceCall(string CallId, LocalConnectionState? LocalConnectionState);
