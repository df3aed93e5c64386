using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

/// <summary>
/// Rewrites an encoded CSTA body into an equivalent XML text chosen by a seed: with or without
/// a byte order mark and a declaration, default namespace or prefixes, white space between elements and around '=',
/// shuffled and extra attributes, character and entity references, CDATA, split text, comments
/// and processing instructions.
/// </summary>
internal sealed class XmlVariations
{
    private const string Prefix = "csta";
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    private readonly Random _random;
    private readonly StringBuilder _output = new();
    private readonly PrefixMode _prefixMode;

    private XmlVariations(int seed)
    {
        _random = new Random(seed);
        _prefixMode = (PrefixMode)_random.Next(3);
    }

    private enum PrefixMode
    {
        DefaultNamespace,
        PrefixEverywhere,
        PrefixOnRootOnly,
    }

    public static byte[] Rewrite(byte[] encoded, int seed)
    {
        var document = XDocument.Parse(Encoding.UTF8.GetString(encoded));
        var variations = new XmlVariations(seed);
        var text = Encoding.UTF8.GetBytes(variations.WriteDocument(document.Root!));
        return variations._random.Next(6) == 0 ? [0xEF, 0xBB, 0xBF, .. text] : text;
    }

    private string WriteDocument(XElement root)
    {
        _output.Append(_random.Next(5) switch
        {
            0 => "",
            1 => "<?xml version=\"1.0\"?>",
            2 => "<?xml version='1.0' encoding='UTF-8'?>",
            3 => "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\r\n",
            _ => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        });
        WriteMisc();
        WriteElement(root, isRoot: true, defaultNamespace: "", declaredPresencePrefix: false);
        WriteMisc();
        return _output.ToString();
    }

    private void WriteElement(XElement element, bool isRoot, string defaultNamespace, bool declaredPresencePrefix)
    {
        var namespaceUri = element.Name.NamespaceName;
        var attributes = new List<string>();
        string name;

        if (namespaceUri == CstaNamespaces.Mivo400UserPresence)
        {
            if (declaredPresencePrefix || (defaultNamespace != namespaceUri && _random.Next(2) == 0))
            {
                name = "p:" + element.Name.LocalName;
                if (!declaredPresencePrefix)
                {
                    attributes.Add(Attribute("xmlns:p", namespaceUri));
                    declaredPresencePrefix = true;
                }
            }
            else
            {
                name = element.Name.LocalName;
                if (defaultNamespace != namespaceUri)
                {
                    attributes.Add(Attribute("xmlns", namespaceUri));
                    defaultNamespace = namespaceUri;
                }
            }
        }
        else
        {
            switch (_prefixMode)
            {
                case PrefixMode.DefaultNamespace:
                    name = element.Name.LocalName;
                    if (isRoot)
                    {
                        attributes.Add(Attribute("xmlns", namespaceUri));
                        defaultNamespace = namespaceUri;
                    }

                    break;
                case PrefixMode.PrefixEverywhere:
                    name = Prefix + ":" + element.Name.LocalName;
                    break;
                default:
                    name = isRoot ? Prefix + ":" + element.Name.LocalName : element.Name.LocalName;
                    break;
            }

            if (isRoot && _prefixMode != PrefixMode.DefaultNamespace)
            {
                attributes.Add(Attribute("xmlns:" + Prefix, namespaceUri));
            }
        }

        foreach (var attribute in element.Attributes().Where(attribute => !attribute.IsNamespaceDeclaration))
        {
            attributes.Add(Attribute(attribute.Name.LocalName, attribute.Value));
        }

        if (isRoot && _random.Next(3) == 0)
        {
            attributes.Add(Attribute("xmlns:xsi", XsiNamespace));
            attributes.Add(Attribute("xsi:schemaLocation", namespaceUri + " csta.xsd"));
        }

        if (_random.Next(4) == 0)
        {
            attributes.Add(Attribute("note", "a < b & \"c\"\t'd'"));
        }

        Shuffle(attributes);
        _output.Append('<').Append(name);
        foreach (var attribute in attributes)
        {
            _output.Append(WhiteSpace(minimum: 1)).Append(attribute);
        }

        _output.Append(WhiteSpace(minimum: 0));

        if (!element.Nodes().Any() && _random.Next(2) == 0)
        {
            _output.Append("/>");
            return;
        }

        _output.Append('>');
        foreach (var node in element.Nodes())
        {
            WriteSeparator();
            if (node is XElement child)
            {
                WriteElement(child, isRoot: false, defaultNamespace, declaredPresencePrefix);
            }
            else if (node is XText text)
            {
                WriteText(text.Value);
            }
        }

        WriteSeparator();
        _output.Append("</").Append(name).Append(WhiteSpace(minimum: 0)).Append('>');
    }

    private string Attribute(string name, string value)
    {
        var quote = _random.Next(2) == 0 ? '"' : '\'';
        var escaped = new StringBuilder();
        foreach (var rune in value.EnumerateRunes())
        {
            escaped.Append(rune.Value switch
            {
                '<' => "&lt;",
                '&' => "&amp;",
                '"' when quote == '"' => "&quot;",
                '\'' when quote == '\'' => "&apos;",
                '\t' or '\n' or '\r' => CharacterReference(rune.Value),
                _ => _random.Next(8) == 0 ? CharacterReference(rune.Value) : rune.ToString(),
            });
        }

        return $"{name}{WhiteSpace(0, 2)}={WhiteSpace(0, 2)}{quote}{escaped}{quote}";
    }

    private void WriteText(string text)
    {
        var choice = _random.Next(6);
        if (choice == 0 && !text.Contains("]]>", StringComparison.Ordinal))
        {
            _output.Append("<![CDATA[").Append(text).Append("]]>");
            return;
        }

        if (choice == 1 && text.Length > 1)
        {
            // Two text nodes around a comment: the value is still their concatenation.
            var split = _random.Next(1, text.Length);
            if (char.IsLowSurrogate(text[split]))
            {
                split--;
            }

            WriteEscaped(text[..split]);
            _output.Append("<!--split-->");
            WriteEscaped(text[split..]);
            return;
        }

        WriteEscaped(text);
    }

    private void WriteEscaped(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            _output.Append(rune.Value switch
            {
                '<' => _random.Next(2) == 0 ? "&lt;" : "&#60;",
                '&' => _random.Next(3) switch { 0 => "&amp;", 1 => "&#38;", _ => "&#x26;" },
                '>' => _random.Next(2) == 0 ? "&gt;" : "&#x3E;",
                '"' => _random.Next(2) == 0 ? "&quot;" : "\"",
                '\'' => _random.Next(2) == 0 ? "&apos;" : "'",
                '\r' => CharacterReference('\r'),
                _ => _random.Next(8) == 0 ? CharacterReference(rune.Value) : rune.ToString(),
            });
        }
    }

    private string CharacterReference(int codePoint) =>
        _random.Next(2) == 0
            ? "&#" + codePoint.ToString(CultureInfo.InvariantCulture) + ";"
            : "&#x" + codePoint.ToString(_random.Next(2) == 0 ? "X" : "x", CultureInfo.InvariantCulture) + ";";

    // Between markup: nothing, white space, a comment or a processing instruction.
    private void WriteSeparator()
    {
        switch (_random.Next(8))
        {
            case 0:
                _output.Append("<!-- a comment - with <markup> & such -->");
                break;
            case 1:
                _output.Append("<?vendor-trace id=\"7\"?>");
                break;
            case 2 or 3:
                _output.Append(WhiteSpace(minimum: 1));
                break;
        }
    }

    private void WriteMisc()
    {
        _output.Append(WhiteSpace(minimum: 0));
        if (_random.Next(3) == 0)
        {
            _output.Append("<!--heartbeat-->").Append(WhiteSpace(minimum: 0));
        }
    }

    private string WhiteSpace(int minimum, int maximum = 3)
    {
        var builder = new StringBuilder();
        var count = _random.Next(minimum, maximum + 1);
        for (var i = 0; i < count; i++)
        {
            builder.Append(_random.Next(5) switch { 0 => "\r\n", 1 => "\n", 2 => "\t", _ => " " });
        }

        return builder.ToString();
    }

    private void Shuffle(List<string> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
