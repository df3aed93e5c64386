using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Channels;

/// <summary>
/// A frame whose header is sound but whose XML body cannot be decoded. The decoder passes it on
/// instead of closing the connection, so the application can respond to a request with a CSTAErrorCode.
/// </summary>
public sealed record CstaUndecodableFrame(int InvokeId, CstaRejectReason Reason, string Detail, string? RootElementName)
{
    /// <summary>
    /// Whether the peer expects a response: the frame is not an event (invoke id 9999) and its root
    /// element names a request.
    /// </summary>
    public bool IsAnswerable =>
        InvokeId != CstaEnvelope.EventInvokeId
        && RootElementName is not null
        && CstaXmlCodec.IsRequestElement(RootElementName);

    /// <summary>
    /// The CSTAErrorCode to send in response to this frame: operation/serviceNotSupported for an unknown
    /// request, operation/valueOutOfRange for a bad or missing value, operation/generic otherwise.
    /// </summary>
    public CstaErrorCode ToErrorCode() => Reason switch
    {
        CstaRejectReason.UnknownMessage => new CstaErrorCode(CstaErrorCategories.Operation, "serviceNotSupported"),
        CstaRejectReason.MissingElement or CstaRejectReason.InvalidValue => new CstaErrorCode(CstaErrorCategories.Operation, "valueOutOfRange"),
        _ => new CstaErrorCode(CstaErrorCategories.Operation, "generic"),
    };
}
