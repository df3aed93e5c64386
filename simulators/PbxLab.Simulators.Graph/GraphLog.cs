using Microsoft.Extensions.Logging;

namespace PbxLab.Simulators.Graph;

/// <summary>
/// Log messages of the fake Graph and token endpoint; event ids 3000-3999.
/// </summary>
internal static partial class GraphLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Fake Graph listening on {BaseAddress} for tenant {TenantId}")]
    public static partial void ServerStarted(ILogger logger, Uri baseAddress, string tenantId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Fake Graph on {BaseAddress} stopped")]
    public static partial void ServerStopped(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Token issued to client {ClientId} in tenant {TenantId} with roles [{Roles}]")]
    public static partial void TokenIssued(ILogger logger, string clientId, string tenantId, string roles);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Token request rejected: {Error} AADSTS{ErrorCode} for client {ClientId} in tenant {Tenant}, trace id {TraceId}")]
    public static partial void TokenRejected(ILogger logger, string error, int errorCode, string clientId, string tenant, string traceId);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Debug, Message = "{Method} {Path} returned {Status}, request-id {RequestId}, client-request-id {ClientRequestId}")]
    public static partial void RequestServed(ILogger logger, string method, string path, int status, string requestId, string? clientRequestId);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "{Method} {Path} throttled with Retry-After {RetryAfterSeconds} s, request-id {RequestId}")]
    public static partial void RequestThrottled(ILogger logger, string method, string path, int retryAfterSeconds, string requestId);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "{Method} {Path} failed with {Status} {ErrorCode}: {ErrorMessage} (request-id {RequestId})")]
    public static partial void RequestFailed(ILogger logger, string method, string path, int status, string errorCode, string errorMessage, string requestId);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Information, Message = "User {UserId} app session {SessionId} set to {Presence}, expires {ExpiresAt:O}")]
    public static partial void AppSessionSet(ILogger logger, string userId, string sessionId, string presence, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message = "User {UserId} app session {SessionId} cleared")]
    public static partial void AppSessionCleared(ILogger logger, string userId, string sessionId);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Information, Message = "User {UserId} preferred presence set to {Presence}, expires {ExpiresAt:O}")]
    public static partial void PreferredPresenceSet(ILogger logger, string userId, string presence, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 3033, Level = LogLevel.Information, Message = "User {UserId} preferred presence cleared")]
    public static partial void PreferredPresenceCleared(ILogger logger, string userId);

    [LoggerMessage(EventId = 3034, Level = LogLevel.Information, Message = "User {UserId} Teams client set to {State}")]
    public static partial void TeamsClientSet(ILogger logger, string userId, Teams.TeamsClientState state);

    [LoggerMessage(EventId = 3035, Level = LogLevel.Debug, Message = "{Method} {Path} abandoned by the client, request-id {RequestId}: {Reason}")]
    public static partial void RequestAbandoned(ILogger logger, string method, string path, string requestId, string reason);

    [LoggerMessage(EventId = 3050, Level = LogLevel.Error, Message = "{Method} {Path} failed inside the fake, request-id {RequestId}")]
    public static partial void RequestCrashed(ILogger logger, Exception exception, string method, string path, string requestId);

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Directory loaded: {UserCount} users and {ContactCount} contacts added")]
    public static partial void DirectoryLoaded(ILogger logger, int userCount, int contactCount);
}
