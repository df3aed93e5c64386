namespace PbxLab.Simulators.Pbx;

public enum CstaTraceDirection
{
    /// <summary>From a CSTA client to the PBX.</summary>
    Received,

    /// <summary>From the PBX to a CSTA client.</summary>
    Sent,
}

/// <summary>One CSTA message on the wire, for the event trail.</summary>
/// <param name="Time">When the PBX received or sent it, on the simulator's TimeProvider.</param>
/// <param name="Direction">Received from or sent to the client.</param>
/// <param name="Connection">The CSTA connection, as "id (peer address)".</param>
/// <param name="InvokeId">Invoke id of the frame; 9999 for events.</param>
/// <param name="MessageName">Root element name, for example MonitorStart or DeliveredEvent.</param>
/// <param name="DeviceId">The device the message is about, when it names one.</param>
/// <param name="MonitorCrossRefId">The monitorCrossRefID the message carries, if any.</param>
public sealed record CstaTraceEntry(
    DateTimeOffset Time,
    CstaTraceDirection Direction,
    string Connection,
    int InvokeId,
    string MessageName,
    string? DeviceId,
    string? MonitorCrossRefId);
