using System.Text;
using System.Xml;

namespace PbxLab.Csta.Xml;

/// <summary>
/// Reference path: reads a body with System.Xml.XmlReader (DTDs prohibited, no resolver) into a
/// <see cref="CstaXmlTree"/>, so the same decoders run on either parser's output. Slower and
/// allocating, it is kept to check <see cref="Utf8XmlParser"/> against.
/// </summary>
internal static class XmlReaderTreeBuilder
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

    /// <summary>Parses a whole body into an empty tree; throws <see cref="XmlException"/> when it is not well-formed.</summary>
    public static void Build(ReadOnlySpan<byte> body, CstaXmlTree tree)
    {
        using var reader = CreateReader(body);
        var current = CstaXmlTree.None;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth + 1 > Utf8XmlParser.MaxDepth)
                    {
                        throw Utf8XmlParser.TooDeep();
                    }

                    var element = AddElement(reader, current, tree);
                    if (reader.IsEmptyElement)
                    {
                        tree.EndElement(element);
                    }
                    else
                    {
                        current = element;
                    }

                    break;

                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    tree.AddText(tree.AppendLiteral(reader.Value));
                    break;

                case XmlNodeType.EndElement:
                    tree.EndElement(current);
                    current = tree.Parent(current);
                    break;
            }
        }
    }

    /// <summary>
    /// Finds the local name of the root element of a body that may be invalid further on.
    /// Returns null when not even the root start tag parses.
    /// </summary>
    public static string? TryReadRootElementName(ReadOnlySpan<byte> body)
    {
        try
        {
            using var reader = CreateReader(body);
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

    private static XmlReader CreateReader(ReadOnlySpan<byte> body) =>
        XmlReader.Create(new MemoryStream(body.ToArray(), writable: false), ReaderSettings);

    private static int AddElement(XmlReader reader, int parent, CstaXmlTree tree)
    {
        var name = tree.AppendLiteral(reader.Name);
        var element = tree.AddElement(parent, name.Offset, Encoding.UTF8.GetByteCount(reader.Prefix), name.Length);
        tree.SetNamespace(element, tree.AppendLiteral(reader.NamespaceURI));

        if (reader.MoveToFirstAttribute())
        {
            do
            {
                var attributeName = tree.AppendLiteral(reader.Name);
                var value = tree.AppendLiteral(reader.Value);
                tree.AddAttribute(element, attributeName.Offset, Encoding.UTF8.GetByteCount(reader.Prefix), attributeName.Length, value);
            }
            while (reader.MoveToNextAttribute());

            reader.MoveToElement();
        }

        return element;
    }
}
