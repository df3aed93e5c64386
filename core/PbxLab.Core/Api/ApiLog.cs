using Microsoft.Extensions.Logging;

namespace PbxLab.Core.Api;

/// <summary>Log messages of the core REST API (event ids 7100-7199).</summary>
internal static partial class ApiLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Core API listening on {BaseAddress}")]
    public static partial void Started(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Core API on {BaseAddress} stopped")]
    public static partial void Stopped(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Information, Message = "Request {RequestId} {Method} {Path} rejected with {StatusCode}: {Parameter} {Reason}")]
    public static partial void Rejected(ILogger logger, string requestId, string method, string path, int statusCode, string parameter, string reason);

    [LoggerMessage(EventId = 7120, Level = LogLevel.Error, Message = "Request {RequestId} {Method} {Path} failed")]
    public static partial void Failed(ILogger logger, Exception exception, string requestId, string method, string path);
}
