using Microsoft.Extensions.Logging;

namespace PbxLab.Core.Directory;

/// <summary>Log messages of directory loading, event ids 6500 to 6599.</summary>
internal static partial class DirectoryLog
{
    [LoggerMessage(EventId = 6500, Level = LogLevel.Information,
        Message = "Directory loaded: {UserCount} Entra users, {ContactCount} contacts of {OwnerCount} monitored users, {SkippedCount} numbers not normalised")]
    public static partial void Loaded(ILogger logger, int userCount, int contactCount, int ownerCount, int skippedCount);

    [LoggerMessage(EventId = 6501, Level = LogLevel.Warning,
        Message = "Directory load failed at {Operation} for {Email} (request-id {RequestId}): {Reason}; the previous directory is kept until the next refresh")]
    public static partial void UsersFailed(ILogger logger, string operation, string email, string requestId, string reason);

    [LoggerMessage(EventId = 6502, Level = LogLevel.Warning,
        Message = "Contacts of {Email} not loaded (request-id {RequestId}): {Reason}; names for this user come from the Entra directory only")]
    public static partial void ContactsFailed(ILogger logger, string email, string requestId, string reason);

    [LoggerMessage(EventId = 6503, Level = LogLevel.Debug,
        Message = "Stored number not normalised: {Reason}")]
    public static partial void NumberSkipped(ILogger logger, string reason);

    [LoggerMessage(EventId = 6506, Level = LogLevel.Warning,
        Message = "{SkippedCount} stored numbers could not be normalised and cannot name callers, for example: {Examples}. Log level Debug lists them all")]
    public static partial void NumbersSkipped(ILogger logger, int skippedCount, string examples);

    [LoggerMessage(EventId = 6504, Level = LogLevel.Error,
        Message = "Directory refresh failed: {Error}; next attempt at {RetryAt:O}")]
    public static partial void RefreshFailed(ILogger logger, string error, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 6505, Level = LogLevel.Warning,
        Message = "Directory paging for {Email} stopped after {PageCount} pages; the rest is not loaded")]
    public static partial void TooManyPages(ILogger logger, string email, int pageCount);
}
