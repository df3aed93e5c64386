using Microsoft.Extensions.Logging;

namespace PbxLab.Core.History;

/// <summary>Log messages of the call-history recorder (event ids 6000 to 6499).</summary>
internal static partial class CallHistoryLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Call history started with {DeviceCount} monitored devices and {OpenCallCount} open calls restored.")]
    public static partial void Started(ILogger logger, int deviceCount, int openCallCount);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Call history: skipped a saved open call: {Reason}")]
    public static partial void RestoreFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Call history: saved open call {RecordId} of user {UserEmail} (call {CallId}) is already recorded, so it is not restored and its saved state is deleted.")]
    public static partial void RecordedOpenCallDiscarded(ILogger logger, string recordId, string userEmail, string callId);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Call history: stored record {RecordId} for user {UserEmail}, call {CallId} on link {LinkName}: {Direction} {Outcome}.")]
    public static partial void RecordStored(ILogger logger, string recordId, string userEmail, string callId, string linkName, CallDirection direction, CallOutcome outcome);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "Call history: record {RecordId} for user {UserEmail}, call {CallId} was already stored; replaced.")]
    public static partial void RecordReplaced(ILogger logger, string recordId, string userEmail, string callId);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Warning, Message = "Call history: {Operation} for key {Key} (user {UserEmail}) failed on attempt {Attempt}; retrying in {DelaySeconds:0.###} s.")]
    public static partial void WriteFailed(ILogger logger, string operation, string key, string userEmail, int attempt, double delaySeconds, Exception exception);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Error, Message = "Call history: {Operation} for key {Key} (user {UserEmail}) was dropped after {Attempt} attempts because the recorder is stopping.")]
    public static partial void WriteDropped(ILogger logger, string operation, string key, string userEmail, int attempt, Exception exception);

    [LoggerMessage(EventId = 6030, Level = LogLevel.Warning, Message = "Call history: resolving the remote number of record {RecordId} (user {UserEmail}, call {CallId}) failed; storing it without a name.")]
    public static partial void ResolveFailed(ILogger logger, string recordId, string userEmail, string callId, Exception exception);

    [LoggerMessage(EventId = 6040, Level = LogLevel.Error, Message = "Call history: applying {EventName} of device {DeviceId} on link {LinkName} failed; the event is skipped.")]
    public static partial void ApplyFailed(ILogger logger, string eventName, string deviceId, string linkName, Exception exception);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Error, Message = "Call history: the RecordStored handler threw for record {RecordId}.")]
    public static partial void RecordStoredHandlerFailed(ILogger logger, string recordId, Exception exception);
}
