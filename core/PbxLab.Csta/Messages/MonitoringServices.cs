namespace PbxLab.Csta.Messages;

/// <summary>ECMA-323 monitorObject: a device (deviceObject) or a call (callObject).</summary>
public sealed record MonitorObject(string? DeviceObject, ConnectionId? CallObject)
{
    public static MonitorObject Device(string deviceObject) => new(deviceObject, null);
}

/// <summary>Starts a monitor; <see cref="MonitorType"/> may be left out, as some clients do.</summary>
public sealed record MonitorStart(MonitorObject MonitorObject, MonitorType? MonitorType) : CstaRequest;

public sealed record MonitorStartResponse(string MonitorCrossRefId) : CstaResponse;

public sealed record MonitorStop(string MonitorCrossRefId) : CstaRequest;

public sealed record MonitorStopResponse : CstaResponse;
