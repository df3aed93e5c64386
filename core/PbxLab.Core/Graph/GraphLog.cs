using System.Net;
using Microsoft.Extensions.Logging;

namespace PbxLab.Core.Graph;

/// <summary>Log messages of the Entra token client, user matching and presence writes (event ids 4200-4499).</summary>
internal static partial class GraphLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Token acquired from {TokenUrl}; it expires in {ExpiresIn} and is renewed at {RenewAt:O}")]
    public static partial void TokenAcquired(ILogger logger, Uri tokenUrl, TimeSpan expiresIn, DateTimeOffset renewAt);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Token request to {TokenUrl} failed with status {Status} ({Error}, AADSTS{AadstsCode}); next attempt at {RetryAt:O}: {Advice}")]
    public static partial void TokenRejected(ILogger logger, Uri tokenUrl, int status, string error, string aadstsCode, DateTimeOffset retryAt, string advice);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Token request to {TokenUrl} failed; next attempt at {RetryAt:O}: {Reason}")]
    public static partial void TokenUnavailable(ILogger logger, Uri tokenUrl, DateTimeOffset retryAt, string reason);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information, Message = "Token renewed after Graph returned 401 for {Operation} for user {Email} (request-id {RequestId})")]
    public static partial void TokenRenewedAfterUnauthorized(ILogger logger, string operation, string email, string requestId);

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "User {Email} matched Entra user {UserId} ({DisplayName})")]
    public static partial void UserMatched(ILogger logger, string email, string userId, string displayName);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Looking up {Count} unmatched users in Entra again at {RetryAt:O}")]
    public static partial void UserMatchRetryScheduled(ILogger logger, int count, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 4400, Level = LogLevel.Warning, Message = "Graph {Operation} for user {Email} returned {Status} (request-id {RequestId}); retry {Attempt} at {RetryAt:O}")]
    public static partial void RequestRetry(ILogger logger, string operation, string email, int status, string requestId, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Graph {Operation} for user {Email} could not be sent ({Reason}); retry {Attempt} at {RetryAt:O}")]
    public static partial void RequestNotSent(ILogger logger, string operation, string email, string reason, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Debug, Message = "Graph {Operation} for user {Email} returned {Status} (request-id {RequestId})")]
    public static partial void RequestCompleted(ILogger logger, string operation, string email, HttpStatusCode status, string requestId);

    [LoggerMessage(EventId = 4410, Level = LogLevel.Information, Message = "Presence of user {Email} written: {Write} (status {Status}, refresh {IsRefresh})")]
    public static partial void PresenceWritten(ILogger logger, string email, string write, int status, bool isRefresh);

    [LoggerMessage(EventId = 4411, Level = LogLevel.Error, Message = "Presence write {Write} for user {Email} failed with status {Status} (request-id {RequestId}); next attempt at {RetryAt:O}")]
    public static partial void PresenceWriteFailed(ILogger logger, string email, string write, int status, string requestId, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 4413, Level = LogLevel.Information, Message = "Presence session of user {Email} cleared at shutdown (status {Status})")]
    public static partial void SessionClearedAtShutdown(ILogger logger, string email, int status);

    [LoggerMessage(EventId = 4414, Level = LogLevel.Warning, Message = "Presence session of user {Email} could not be cleared at shutdown; it expires on its own")]
    public static partial void SessionNotClearedAtShutdown(ILogger logger, Exception exception, string email);

    [LoggerMessage(EventId = 4412, Level = LogLevel.Error, Message = "Presence write {Write} for user {Email} failed with an unexpected error; next attempt at {RetryAt:O}")]
    public static partial void PresenceWriteCrashed(ILogger logger, Exception exception, string email, string write, DateTimeOffset retryAt);
}
