using Microsoft.Extensions.Logging;
using PbxLab.Csta;

namespace PbxLab.Simulators.Pbx.Server;

// Event ids 2100-2199: the CSTA server and its connections.
internal static partial class Log
{
    [LoggerMessage(2100, LogLevel.Information, "CSTA server listening on {Address}:{Port} (ECMA-323 {Edition}, speaks first {SpeaksFirst}, {Licences} monitor licences)")]
    public static partial void Listening(ILogger logger, string address, int port, CstaEdition edition, bool speaksFirst, int licences);

    [LoggerMessage(2101, LogLevel.Information, "CSTA connection {Connection} opened")]
    public static partial void Connected(ILogger logger, string connection);

    [LoggerMessage(2102, LogLevel.Information, "CSTA connection {Connection} closed; {Freed} monitors stopped and their licences freed")]
    public static partial void Disconnected(ILogger logger, string connection, int freed);

    [LoggerMessage(2103, LogLevel.Warning, "CSTA connection {Connection} failed and is closed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception, string connection);

    [LoggerMessage(2104, LogLevel.Warning, "CSTA connection {Connection}: invoke id {InvokeId} ({RootElement}) could not be decoded ({Reason}): {Detail}")]
    public static partial void UndecodableRequest(ILogger logger, string connection, int invokeId, string rootElement, CstaRejectReason reason, string detail);

    [LoggerMessage(2105, LogLevel.Information, "CSTA connection {Connection}: {Request} with invoke id {InvokeId} rejected with {Category}/{Value} because {Reason}")]
    public static partial void RequestRejected(ILogger logger, string connection, int invokeId, string request, string category, string value, string reason);

    [LoggerMessage(2106, LogLevel.Error, "CSTA connection {Connection}: {Request} with invoke id {InvokeId} failed in the simulator; answered operation/generic")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string connection, int invokeId, string request);

    [LoggerMessage(2107, LogLevel.Warning, "CSTA connection {Connection}: writing {Message} with invoke id {InvokeId} failed")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string connection, int invokeId, string message);

    [LoggerMessage(2108, LogLevel.Debug, "CSTA connection {Connection}: ignored {Message} with invoke id {InvokeId}, which is no request")]
    public static partial void UnexpectedMessage(ILogger logger, string connection, int invokeId, string message);

    [LoggerMessage(2109, LogLevel.Warning, "CSTA connection {Connection}: ignored a pipeline object of type {Type}")]
    public static partial void UnexpectedObject(ILogger logger, string connection, string type);

    [LoggerMessage(2110, LogLevel.Information, "CSTA connection {Connection}: monitor {MonitorCrossRefId} started on device {DeviceId} ({InUse} of {Licences} licences in use)")]
    public static partial void MonitorStarted(ILogger logger, string connection, string deviceId, string monitorCrossRefId, int inUse, int licences);

    [LoggerMessage(2111, LogLevel.Information, "CSTA connection {Connection}: monitor {MonitorCrossRefId} on device {DeviceId} stopped ({InUse} licences in use)")]
    public static partial void MonitorStopped(ILogger logger, string connection, string deviceId, string monitorCrossRefId, int inUse);

    [LoggerMessage(2112, LogLevel.Warning, "Dropping {Count} CSTA connections")]
    public static partial void DroppingConnections(ILogger logger, int count);

    [LoggerMessage(2114, LogLevel.Warning, "CSTA server on port {Port}: an event loop did not terminate within its shutdown timeout; the server stopped without it")]
    public static partial void EventLoopNotTerminated(ILogger logger, int port);

    [LoggerMessage(2113, LogLevel.Error, "Sending the SystemStatus heartbeat to {Count} CSTA connections failed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception, int count);
}
