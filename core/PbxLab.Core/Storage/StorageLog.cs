using Microsoft.Extensions.Logging;

namespace PbxLab.Core.Storage;

/// <summary>Log messages of the call-history stores (event ids 7000-7099).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Call history store {Store} at {Location} is at schema version {Version}")]
    public static partial void SchemaReady(ILogger logger, string store, string location, int version);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Call history store {Store} at {Location} migrated from schema version {FromVersion} to {ToVersion}")]
    public static partial void SchemaMigrated(ILogger logger, string store, string location, int fromVersion, int toVersion);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Call history store {Store} at {Location} failed to open: {Reason}")]
    public static partial void OpenFailed(ILogger logger, string store, string location, string reason);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Debug, Message = "Call record {RecordId} for {UserEmail} stored ({Change})")]
    public static partial void RecordStored(ILogger logger, string recordId, string userEmail, string change);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Debug, Message = "Open call {Key} for {UserEmail} saved")]
    public static partial void OpenCallSaved(ILogger logger, string key, string userEmail);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Debug, Message = "Open call {Key} deleted")]
    public static partial void OpenCallDeleted(ILogger logger, string key);
}
