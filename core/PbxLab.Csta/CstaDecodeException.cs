namespace PbxLab.Csta;

/// <summary>An incoming CSTA body could not be decoded; the message names the offending value.</summary>
public sealed class CstaDecodeException : Exception
{
    public CstaDecodeException(CstaRejectReason reason, string message, string? rootElementName = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        RootElementName = rootElementName;
    }

    public CstaRejectReason Reason { get; }

    /// <summary>Local name of the root element, when the XML got that far.</summary>
    public string? RootElementName { get; }
}
