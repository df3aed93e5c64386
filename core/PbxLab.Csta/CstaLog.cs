using Microsoft.Extensions.Logging;

namespace PbxLab.Csta;

/// <summary>Log messages of the CSTA protocol library (event ids 1000 to 1499).</summary>
internal static partial class CstaLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Closing the CSTA connection to {Peer}: frame rejected ({Reason}). {Detail}")]
    public static partial void FrameRejected(ILogger logger, string peer, CstaRejectReason reason, string detail);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Cannot decode the CSTA body from {Peer} with invoke id {InvokeId} ({Reason}, root element {RootElementName}): {Detail}")]
    public static partial void UndecodableFrame(ILogger logger, string peer, int invokeId, CstaRejectReason reason, string? rootElementName, string detail);
}
