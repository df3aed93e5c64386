using Microsoft.Extensions.Logging;

namespace PbxLab.Simulators.Pbx.Engine;

// Event ids 2000-2099: the PBX engine.
public sealed partial class PbxEngine
{
    private static partial class Log
    {
        [LoggerMessage(2000, LogLevel.Debug, "Device {DeviceId} added (owner {Owner}, CloudLink role {CloudLinkRole})")]
        public static partial void DeviceAdded(ILogger logger, string deviceId, string? owner, bool cloudLinkRole);

        [LoggerMessage(2001, LogLevel.Debug, "Call {CallId} placed from {Calling} to {Called}")]
        public static partial void CallPlaced(ILogger logger, string callId, string calling, string called);

        [LoggerMessage(2002, LogLevel.Debug, "Call {CallId} answered by {Answering}")]
        public static partial void CallAnswered(ILogger logger, string callId, string answering);

        [LoggerMessage(2003, LogLevel.Debug, "Call {CallId} cleared by {Releasing} ({Cause})")]
        public static partial void CallCleared(ILogger logger, string callId, string releasing, PbxCallCause cause);

        [LoggerMessage(2004, LogLevel.Debug, "Call {CallId} to {Called} failed ({Cause})")]
        public static partial void CallFailed(ILogger logger, string callId, string called, PbxCallCause cause);

        [LoggerMessage(2005, LogLevel.Error, "An observer failed on {EventName} for device {DeviceId}")]
        public static partial void ObserverFailed(ILogger logger, Exception exception, string deviceId, string eventName);

        [LoggerMessage(2006, LogLevel.Error, "Clearing unanswered call {CallId} failed")]
        public static partial void NoAnswerFailed(ILogger logger, Exception exception, string callId);

        [LoggerMessage(2007, LogLevel.Debug, "Call {CallId} diverted from {Diverting} to {Destination} ({Cause})")]
        public static partial void CallDiverted(ILogger logger, string callId, string diverting, string destination, PbxCallCause cause);

        [LoggerMessage(2008, LogLevel.Debug, "Call {CallId} joined with {OtherCallId} and transferred by {Transferring}")]
        public static partial void CallTransferred(ILogger logger, string callId, string? otherCallId, string transferring);

        [LoggerMessage(2009, LogLevel.Debug, "Call {CallId} joined with {OtherCallId} into a conference by {Conferencing}")]
        public static partial void CallConferenced(ILogger logger, string callId, string otherCallId, string conferencing);
    }
}
