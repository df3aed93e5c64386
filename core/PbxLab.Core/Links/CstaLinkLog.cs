using Microsoft.Extensions.Logging;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Links;

/// <summary>Log messages of the core's CSTA client link (event ids 1500 to 1999).</summary>
internal static partial class CstaLinkLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Link {LinkName}: phase {Phase}. {Reason}")]
    public static partial void PhaseChanged(ILogger logger, string linkName, PbxLinkPhase phase, string? reason);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Link {LinkName}: connecting to {Peer} failed: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string linkName, string peer, string reason);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Link {LinkName}: disconnected from {Peer}: {Reason}")]
    public static partial void Disconnected(ILogger logger, string linkName, string peer, string reason);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Link {LinkName}: stopped on request; disconnected from {Peer}.")]
    public static partial void Stopped(ILogger logger, string linkName, string peer);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Debug, Message = "Link {LinkName}: sending {Request} with invoke id {InvokeId}.")]
    public static partial void SendingRequest(ILogger logger, string linkName, string request, int invokeId);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Debug, Message = "Link {LinkName}: answered SystemStatus {Status} with invoke id {InvokeId}.")]
    public static partial void AnsweredSystemStatus(ILogger logger, string linkName, string status, int invokeId);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Warning, Message = "Link {LinkName}: {Response} with invoke id {InvokeId} matches no pending request; ignored.")]
    public static partial void UnexpectedResponse(ILogger logger, string linkName, string response, int invokeId);

    [LoggerMessage(EventId = 1513, Level = LogLevel.Warning, Message = "Link {LinkName}: the PBX sent request {Request} with invoke id {InvokeId}, which a client does not serve; answered operation/serviceNotSupported.")]
    public static partial void UnsupportedRequest(ILogger logger, string linkName, string request, int invokeId);

    [LoggerMessage(EventId = 1514, Level = LogLevel.Warning, Message = "Link {LinkName}: undecodable frame with invoke id {InvokeId} (root element {RootElementName}, {Reason}): {Detail}")]
    public static partial void UndecodableFrame(ILogger logger, string linkName, int invokeId, string? rootElementName, Csta.CstaRejectReason reason, string detail);

    [LoggerMessage(EventId = 1515, Level = LogLevel.Warning, Message = "Link {LinkName}: SystemRegister with invoke id {InvokeId} got CSTAErrorCode {Category}/{Value}; continuing without system-status registration.")]
    public static partial void SystemRegisterRefused(ILogger logger, string linkName, int invokeId, string category, string value);

    [LoggerMessage(EventId = 1520, Level = LogLevel.Information, Message = "Link {LinkName}: monitor started for device {DeviceId} with monitorCrossRefID {MonitorCrossRefId}.")]
    public static partial void MonitorStarted(ILogger logger, string linkName, string deviceId, string monitorCrossRefId);

    [LoggerMessage(EventId = 1521, Level = LogLevel.Warning, Message = "Link {LinkName}: MonitorStart for device {DeviceId} with invoke id {InvokeId} was refused: {Category}/{Value}.")]
    public static partial void MonitorRefused(ILogger logger, string linkName, string deviceId, int invokeId, string category, string value);

    [LoggerMessage(EventId = 1522, Level = LogLevel.Warning, Message = "Link {LinkName}: {Request} for device {DeviceId} with invoke id {InvokeId} failed: {Category}/{Value}; resynchronising without it.")]
    public static partial void ResyncRequestFailed(ILogger logger, string linkName, string request, string deviceId, int invokeId, string category, string value);

    [LoggerMessage(EventId = 1530, Level = LogLevel.Debug, Message = "Link {LinkName}: {EventName} for monitorCrossRefID {MonitorCrossRefId} (device {DeviceId}).")]
    public static partial void EventReceived(ILogger logger, string linkName, string eventName, string monitorCrossRefId, string? deviceId);

    [LoggerMessage(EventId = 1531, Level = LogLevel.Information, Message = "Link {LinkName}: device {DeviceId} line state {LineState}.")]
    public static partial void LineStateChanged(ILogger logger, string linkName, string deviceId, LineState lineState);

    [LoggerMessage(EventId = 1532, Level = LogLevel.Information, Message = "Link {LinkName}: device {DeviceId} user presence {Presence}.")]
    public static partial void UserPresenceChanged(ILogger logger, string linkName, string deviceId, PbxUserPresence presence);

    [LoggerMessage(EventId = 1540, Level = LogLevel.Debug, Message = "Link {LinkName}: PBX silent for {SilenceSeconds:0.#} s; sending heartbeat RequestSystemStatus.")]
    public static partial void SendingHeartbeat(ILogger logger, string linkName, double silenceSeconds);

    [LoggerMessage(EventId = 1552, Level = LogLevel.Warning, Message = "Link {LinkName}: its event loop did not terminate within the shutdown timeout; the link stopped without it.")]
    public static partial void EventLoopNotTerminated(ILogger logger, string linkName);

    [LoggerMessage(EventId = 1550, Level = LogLevel.Error, Message = "Link {LinkName}: the sink threw while handling {Callback}; the link continues.")]
    public static partial void SinkFailed(ILogger logger, string linkName, string callback, Exception exception);

    [LoggerMessage(EventId = 1551, Level = LogLevel.Warning, Message = "Link {LinkName}: channel error from {Peer}; closing the connection.")]
    public static partial void ChannelError(ILogger logger, string linkName, string peer, Exception exception);
}
