namespace PbxLab.Csta.Messages;

public sealed record DoNotDisturbEvent(string MonitorCrossRefId, string Device, bool DoNotDisturbOn) : CstaEvent(MonitorCrossRefId);

public sealed record OutOfServiceEvent(string MonitorCrossRefId, string? Device, EventCause? Cause) : CstaEvent(MonitorCrossRefId);

public sealed record BackInServiceEvent(string MonitorCrossRefId, string? Device, EventCause? Cause) : CstaEvent(MonitorCrossRefId);
