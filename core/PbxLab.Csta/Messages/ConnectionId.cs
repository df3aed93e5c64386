namespace PbxLab.Csta.Messages;

/// <summary>
/// ECMA-323 ConnectionID: one device's part in one call. Either child may be left out where the
/// other alone identifies the connection (ClearConnection naming only the device, for example).
/// </summary>
public sealed record ConnectionId(string? CallId, string? DeviceId);
