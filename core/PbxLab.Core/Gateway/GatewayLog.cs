using Microsoft.Extensions.Logging;
using PbxLab.Core.Links;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Gateway;

/// <summary>Log messages of the gateway host and its standalone runner (event ids 4000-4199).</summary>
internal static partial class GatewayLog
{
    // GatewayStandalone lists the errors themselves on standard error, so this line records only the failed start and the count.
    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "Configuration {ConfigPath} is invalid ({ErrorCount} errors); the gateway did not start")]
    public static partial void ConfigurationInvalid(ILogger logger, string configPath, int errorCount);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Gateway standalone run from {ConfigPath} stopped")]
    public static partial void StandaloneStopped(ILogger logger, string configPath);

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Gateway started with {UserCount} users on {LinkCount} PBX links; Graph at {GraphBaseUrl}, tenant {TenantId}, client {ClientId}")]
    public static partial void Started(ILogger logger, int userCount, int linkCount, string graphBaseUrl, string tenantId, string clientId);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Gateway stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Link {Link} is {Phase}: {Reason}")]
    public static partial void LinkPhaseChanged(ILogger logger, string link, PbxLinkPhase phase, string reason);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Error, Message = "Link {Link} could not be started")]
    public static partial void LinkStartFailed(ILogger logger, Exception exception, string link);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Link {Link} could not be disposed cleanly")]
    public static partial void LinkDisposeFailed(ILogger logger, Exception exception, string link);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "Monitoring device {Device} of user {Email} on link {Link} (monitorCrossRefID {MonitorCrossRefId})")]
    public static partial void MonitorStarted(ILogger logger, string device, string email, string link, string monitorCrossRefId);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Warning, Message = "Link {Link} reported device {Device}, which no configured user has; ignored")]
    public static partial void UnknownDevice(ILogger logger, string link, string device);

    [LoggerMessage(EventId = 4122, Level = LogLevel.Debug, Message = "Line of device {Device} (user {Email}) is {LineState}")]
    public static partial void LineStateChanged(ILogger logger, string device, string email, LineState lineState);

    [LoggerMessage(EventId = 4123, Level = LogLevel.Information, Message = "User presence of {Email} on link {Link} ignored: profile {Profile} has no PBX user presence")]
    public static partial void UserPresenceIgnored(ILogger logger, string email, string link, string profile);

    [LoggerMessage(EventId = 4130, Level = LogLevel.Information, Message = "CloudLink presence of {Email} changed from {Previous} to {Current}")]
    public static partial void PresenceChanged(ILogger logger, string email, CloudLinkPresence previous, CloudLinkPresence current);

    [LoggerMessage(EventId = 4140, Level = LogLevel.Warning, Message = "A gateway trace subscriber threw; the gateway goes on")]
    public static partial void TraceSubscriberFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4142, Level = LogLevel.Error, Message = "Looking up user {Email} in Entra failed with an unexpected error; the lookup is retried later")]
    public static partial void UserMatchFailed(ILogger logger, Exception exception, string email);

    [LoggerMessage(EventId = 4141, Level = LogLevel.Error, Message = "User matching stopped after an unexpected error")]
    public static partial void MatchingFailed(ILogger logger, Exception exception);
}
