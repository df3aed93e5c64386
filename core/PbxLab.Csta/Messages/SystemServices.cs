namespace PbxLab.Csta.Messages;

/// <summary>
/// Status of the switch, sent by the switch: on connect (OpenScape Voice does so) and later as a
/// heartbeat. The client responds with <see cref="SystemStatusResponse"/> under the same invoke id.
/// </summary>
public sealed record SystemStatus(string? SysStatRegisterId, SystemStatusValue Status) : CstaRequest;

public sealed record SystemStatusResponse : CstaResponse;

/// <summary>
/// Registration for system-status reports. Each flag is one child of <c>requestTypes</c>;
/// null leaves the child out.
/// </summary>
public sealed record SystemRegister(bool? SystemStatus, bool? RequestSystemStatus) : CstaRequest;

public sealed record SystemRegisterResponse(string SysStatRegisterId) : CstaResponse;

/// <summary>A client's request for the switch status, used as a heartbeat.</summary>
public sealed record RequestSystemStatus(string? SysStatRegisterId) : CstaRequest;

public sealed record RequestSystemStatusResponse(SystemStatusValue Status) : CstaResponse;
