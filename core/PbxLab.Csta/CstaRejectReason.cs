namespace PbxLab.Csta;

/// <summary>Every way an incoming CSTA frame or its XML body can be rejected.</summary>
public enum CstaRejectReason
{
    /// <summary>The first two header bytes are not the format indicator 0x0000 (TCP without SOAP).</summary>
    InvalidFormatIndicator,

    /// <summary>The length field is under 8, the size of the header it includes.</summary>
    LengthTooShort,

    /// <summary>The invoke id is not four ASCII digits.</summary>
    InvalidInvokeId,

    /// <summary>The body contains a document type declaration, which is never processed.</summary>
    DtdProhibited,

    /// <summary>The body is not well-formed UTF-8 XML.</summary>
    MalformedXml,

    /// <summary>The root element is in a namespace other than ECMA-323 ed3 to ed6 (or none).</summary>
    UnsupportedNamespace,

    /// <summary>The root element is not a message this library decodes.</summary>
    UnknownMessage,

    /// <summary>A required element is absent.</summary>
    MissingElement,

    /// <summary>An element contains a value outside its type.</summary>
    InvalidValue,
}
