using System.Text;
using System.Xml;
using System.Xml.Linq;
using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Xml;

/// <summary>
/// Encodes and decodes ECMA-323 CSTA XML bodies. Output uses the configured edition's namespace
/// as the default namespace; input accepts ed3 to ed6 or no namespace, matched by local name.
/// DTDs are rejected and external entities are never resolved.
/// </summary>
public sealed partial class CstaXmlCodec
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = false,
        Indent = false,
    };

    private readonly XNamespace _namespace;

    public CstaXmlCodec(CstaEdition edition)
    {
        Edition = edition;
        _namespace = CstaNamespaces.For(edition);
    }

    public CstaEdition Edition { get; }

    /// <summary>Encodes a message as UTF-8 XML with a declaration, in the configured edition's namespace.</summary>
    public byte[] Encode(CstaMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var root = EncodeRoot(message);
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), root);

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Decodes one XML body; throws <see cref="CstaDecodeException"/> naming what is wrong.</summary>
    public CstaMessage Decode(ReadOnlySpan<byte> body)
    {
        var root = Parse(body);
        var rootName = root.Name.LocalName;

        if (!CstaNamespaces.IsAcceptedOnInput(root.Name.NamespaceName))
        {
            throw new CstaDecodeException(
                CstaRejectReason.UnsupportedNamespace,
                $"{rootName} is in namespace '{CstaXmlElements.Truncate(root.Name.NamespaceName)}'; expected {CstaNamespaces.Prefix}3 to {CstaNamespaces.Prefix}6 or no namespace.",
                rootName);
        }

        if (!Decoders.TryGetValue(rootName, out var decode))
        {
            throw new CstaDecodeException(
                CstaRejectReason.UnknownMessage,
                $"'{CstaXmlElements.Truncate(rootName)}' is not a CSTA message this library decodes.",
                rootName);
        }

        return decode(root, new CstaXmlElements(rootName));
    }

    /// <summary>Wire root element name of a message (CSTAErrorCode for <see cref="CstaErrorCode"/>, PrivateEvent for <see cref="UserPresenceEvent"/>).</summary>
    public static string GetElementName(CstaMessage message) => message switch
    {
        CstaErrorCode => "CSTAErrorCode",
        UserPresenceEvent => "PrivateEvent",
        _ => message.GetType().Name,
    };

    /// <summary>
    /// Whether a root element names a request that expects a response, so an undecodable one can
    /// still get a CSTAErrorCode. True for a known request and for an unknown name that is no response or event.
    /// </summary>
    public static bool IsRequestElement(string localName)
    {
        if (RequestElementNames.Contains(localName))
        {
            return true;
        }

        return !Decoders.ContainsKey(localName)
            && localName.Length > 0
            && !localName.EndsWith("Response", StringComparison.Ordinal)
            && !localName.EndsWith("Event", StringComparison.Ordinal)
            && localName != "CSTAErrorCode";
    }

    private static XElement Parse(ReadOnlySpan<byte> body)
    {
        var bytes = body.ToArray();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), ReaderSettings);
            var document = XDocument.Load(reader, LoadOptions.None);
            return document.Root ?? throw new CstaDecodeException(CstaRejectReason.MalformedXml, "The XML body has no root element.");
        }
        catch (XmlException exception) when (ContainsDoctype(bytes))
        {
            throw new CstaDecodeException(
                CstaRejectReason.DtdProhibited,
                "The XML body contains a document type declaration (<!DOCTYPE); CSTA bodies must not carry DTDs or entities.",
                null,
                exception);
        }
        catch (XmlException exception)
        {
            throw new CstaDecodeException(
                CstaRejectReason.MalformedXml,
                $"The XML body is not well-formed: {exception.Message}",
                null,
                exception);
        }
    }

    /// <summary>
    /// Finds the local name of the root element of a body that may be invalid further on, so a
    /// request that cannot be decoded can still be identified. Returns null when not even the root start tag parses.
    /// </summary>
    public static string? TryReadRootElementName(ReadOnlySpan<byte> body)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body.ToArray(), writable: false), ReaderSettings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    return reader.LocalName;
                }
            }
        }
        catch (XmlException)
        {
            // The prolog or the root's start tag is broken, so there is no name to report.
        }

        return null;
    }

    private static bool ContainsDoctype(byte[] bytes) => bytes.AsSpan().IndexOf("<!DOCTYPE"u8) >= 0;
}
