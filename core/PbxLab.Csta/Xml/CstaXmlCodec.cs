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
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = false,
        Indent = false,
    };

    private readonly XNamespace _namespace;

    /// <param name="edition">Edition whose namespace encoded messages carry.</param>
    /// <param name="parser">
    /// Parser of incoming bodies: <see cref="CstaXmlParser.Utf8"/> (the default, which allocates
    /// little more than the decoded message) or the <see cref="CstaXmlParser.XmlReader"/> reference.
    /// </param>
    public CstaXmlCodec(CstaEdition edition, CstaXmlParser parser = CstaXmlParser.Utf8)
    {
        Edition = edition;
        Parser = parser;
        _namespace = CstaNamespaces.For(edition);
    }

    public CstaEdition Edition { get; }

    public CstaXmlParser Parser { get; }

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
        var tree = CstaXmlTree.Rent();
        try
        {
            Parse(body, tree);
            return DecodeRoot(tree);
        }
        finally
        {
            CstaXmlTree.Return(tree);
        }
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

    private static CstaMessage DecodeRoot(CstaXmlTree tree)
    {
        var root = tree.Root;

        // The root name is looked up without making a string, and the dictionary's own key
        // becomes the message's RootName. Known names are far shorter than this buffer.
        Span<char> nameBuffer = stackalloc char[64];
        Func<int, CstaXmlElements, CstaMessage>? decode = null;
        string rootName;
        if (tree.TryGetLocalName(root, nameBuffer, out var nameLength) && DecodersByName.TryGetValue(nameBuffer[..nameLength], out var known))
        {
            (rootName, decode) = known;
        }
        else
        {
            rootName = tree.GetLocalName(root);
        }

        var namespaceUri = tree.GetNamespaceUri(root);
        if (!IsAcceptedNamespace(namespaceUri))
        {
            var uri = namespaceUri.ToString();
            throw new CstaDecodeException(
                CstaRejectReason.UnsupportedNamespace,
                $"{rootName} is in namespace '{CstaXmlElements.Truncate(uri)}'; expected {CstaNamespaces.Prefix}3 to {CstaNamespaces.Prefix}6 or no namespace.",
                rootName);
        }

        if (decode is null)
        {
            throw new CstaDecodeException(
                CstaRejectReason.UnknownMessage,
                $"'{CstaXmlElements.Truncate(rootName)}' is not a CSTA message this library decodes.",
                rootName);
        }

        return decode(root, new CstaXmlElements(tree, rootName));
    }

    // CstaNamespaces.IsAcceptedOnInput for a span: no namespace, or ed3 to ed6.
    private static bool IsAcceptedNamespace(ReadOnlySpan<char> uri) =>
        uri.IsEmpty
        || (uri.Length == CstaNamespaces.Prefix.Length + 1 && uri.StartsWith(CstaNamespaces.Prefix, StringComparison.Ordinal) && uri[^1] is >= '3' and <= '6');

    private void Parse(ReadOnlySpan<byte> body, CstaXmlTree tree)
    {
        try
        {
            if (Parser == CstaXmlParser.XmlReader)
            {
                XmlReaderTreeBuilder.Build(body, tree);
            }
            else
            {
                Utf8XmlParser.Parse(body, tree);
            }
        }
        catch (XmlException exception) when (ContainsDoctype(body))
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
    public static string? TryReadRootElementName(ReadOnlySpan<byte> body) => XmlReaderTreeBuilder.TryReadRootElementName(body);

    private static bool ContainsDoctype(ReadOnlySpan<byte> body) => body.IndexOf("<!DOCTYPE"u8) >= 0;
}

/// <summary>Which parser <see cref="CstaXmlCodec.Decode"/> reads bodies with.</summary>
public enum CstaXmlParser
{
    /// <summary>
    /// PbxLab's own parser over the UTF-8 bytes. Once the calling thread's buffers have grown to
    /// the body size, a decode allocates only the message and its strings.
    /// </summary>
    Utf8,

    /// <summary>System.Xml.XmlReader, the reference the UTF-8 parser is tested against.</summary>
    XmlReader,
}
