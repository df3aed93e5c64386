namespace PbxLab.Core.History;

/// <summary>A PBX device monitored for a user: its calls become that user's history.</summary>
/// <param name="Link">Name of the PBX link in the gateway configuration.</param>
/// <param name="DeviceId">Directory number of the device, as the link monitors it.</param>
public sealed record MonitoredDevice(string Link, string DeviceId, string UserEmail);
