namespace PbxLab.Simulators.Pbx;

/// <summary>One active CSTA monitor.</summary>
/// <param name="DeviceId">Directory number of the monitored device.</param>
/// <param name="MonitorCrossRefId">The monitorCrossRefID that the device's events carry.</param>
/// <param name="Connection">The CSTA connection that started the monitor, as "id (peer address)".</param>
public sealed record MonitorInfo(string DeviceId, string MonitorCrossRefId, string Connection);
