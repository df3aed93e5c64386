using System.Buffers;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace PbxLab.Csta.Xml;

/// <summary>
/// Forward-only parser of the XML that CSTA bodies use, straight from UTF-8 bytes into a
/// <see cref="CstaXmlTree"/>: the XML declaration, elements with namespace prefixes and xmlns
/// declarations, attributes, text, CDATA, the five predefined entities and character references.
/// Comments and processing instructions are checked and skipped.
/// </summary>
/// <remarks>
/// It rejects what XmlReader with DtdProcessing.Prohibit rejects, with an <see cref="XmlException"/>
/// carrying line and position: a document type declaration, any other entity reference,
/// mismatched or unclosed tags, undeclared prefixes, duplicate attributes, characters outside XML
/// 1.0 and invalid UTF-8. It also rejects nesting deeper than <see cref="MaxDepth"/> and an
/// encoding other than UTF-8 in the declaration, which XmlReader would accept.
/// NOTE: unlike XmlReader it does not check that two attributes with different prefixes for one
/// namespace URI differ in local name, and it keeps no white-space-only text under xml:space="preserve".
/// </remarks>
internal ref struct Utf8XmlParser
{
    /// <summary>
    /// Deepest element nesting accepted. The deepest CSTA element this library reads sits at
    /// depth 7 (SnapshotDeviceResponse down to localConnectionState); the rest is headroom for
    /// vendor extensions.
    /// </summary>
    public const int MaxDepth = 64;

    // Bytes that end a scan: of character data, of an attribute value in either quote, of the
    // ASCII part of a name, and the control bytes that are no XML characters.
    private static readonly SearchValues<byte> TextStops = SearchValues.Create("<&]\r"u8);
    private static readonly SearchValues<byte> DoubleQuotedStops = SearchValues.Create("\"<&\t\n\r"u8);
    private static readonly SearchValues<byte> SingleQuotedStops = SearchValues.Create("'<&\t\n\r"u8);
    private static readonly SearchValues<byte> AsciiNameBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-."u8);
    private static readonly SearchValues<byte> DecimalDigits = SearchValues.Create("0123456789"u8);
    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);
    private static readonly SearchValues<byte> WhiteSpaceBytes = SearchValues.Create(" \t\n\r"u8);
    private static readonly SearchValues<byte> InvalidControlBytes = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x0F,
         0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);

    private readonly ReadOnlySpan<byte> _text;
    private readonly CstaXmlTree _tree;
    private int _position;

    private Utf8XmlParser(ReadOnlySpan<byte> text, CstaXmlTree tree)
    {
        _text = text;
        _tree = tree;
    }

    /// <summary>Parses a whole body into an empty tree; throws <see cref="XmlException"/> when it is not well-formed.</summary>
    public static void Parse(ReadOnlySpan<byte> body, CstaXmlTree tree)
    {
        tree.AppendBytes(body);
        var parser = new Utf8XmlParser(tree.Bytes, tree);
        parser.ParseDocument();
    }

    /// <summary>The error for nesting deeper than <see cref="MaxDepth"/>, shared with the XmlReader path.</summary>
    public static CstaDecodeException TooDeep() => new(
        CstaRejectReason.MalformedXml,
        $"The XML body nests elements more than {MaxDepth} deep; CSTA messages need far fewer levels.");

    private void ParseDocument()
    {
        CheckCharacters();

        if (_text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _position = 3;
        }

        if (_text[_position..].StartsWith("<?xml"u8) && _position + 5 < _text.Length && IsWhiteSpace(_text[_position + 5]))
        {
            ParseXmlDeclaration();
        }

        // Before the root: white space, comments and processing instructions only.
        while (true)
        {
            SkipWhiteSpace();
            if (AtEnd)
            {
                throw new XmlException("Root element is missing.");
            }

            if (!TryParseMisc(insideRoot: false))
            {
                break;
            }
        }

        ParseRootElement();

        while (true)
        {
            SkipWhiteSpace();
            if (AtEnd)
            {
                return;
            }

            if (!TryParseMisc(insideRoot: false))
            {
                throw _text[_position] == (byte)'<'
                    ? Error("There are multiple root elements.", _position + 1)
                    : Error("Data at the root level is invalid.", _position);
            }
        }
    }

    private readonly bool AtEnd => _position >= _text.Length;

    // Parses a comment, a processing instruction or (inside the root) a CDATA section at the
    // current position. False when something else starts there.
    private bool TryParseMisc(bool insideRoot)
    {
        var rest = _text[_position..];
        if (rest.StartsWith("<!--"u8))
        {
            ParseComment();
            return true;
        }

        if (rest.StartsWith("<?"u8))
        {
            ParseProcessingInstruction();
            return true;
        }

        if (rest.StartsWith("<!DOCTYPE"u8))
        {
            // Any DOCTYPE, where allowed or not, is rejected, so no DTD or entity is ever read.
            throw Error("DTD is prohibited in this XML document.", _position + 1);
        }

        if (insideRoot && rest.StartsWith("<![CDATA["u8))
        {
            ParseCData();
            return true;
        }

        if (rest.StartsWith("<!"u8))
        {
            throw Error("Unexpected markup after '<!'; only comments, and CDATA inside elements, may start with it.", _position + 1);
        }

        if (rest[0] != (byte)'<')
        {
            if (insideRoot)
            {
                return false;
            }

            throw Error("Data at the root level is invalid.", _position);
        }

        return false;
    }

    private void ParseRootElement()
    {
        var current = ParseStartTag(CstaXmlTree.None, out var isEmpty);
        if (isEmpty)
        {
            return;
        }

        var depth = 1;
        while (true)
        {
            if (AtEnd)
            {
                throw UnclosedElements(current);
            }

            if (_text[_position] != (byte)'<')
            {
                ParseText();
                continue;
            }

            if (_position + 1 < _text.Length && _text[_position + 1] == (byte)'/')
            {
                ParseEndTag(current);
                _tree.EndElement(current);
                current = _tree.Parent(current);
                depth--;
                if (current == CstaXmlTree.None)
                {
                    return;
                }

                continue;
            }

            if (TryParseMisc(insideRoot: true))
            {
                continue;
            }

            var child = ParseStartTag(current, out isEmpty);
            if (depth + 1 > MaxDepth)
            {
                throw TooDeep();
            }

            if (!isEmpty)
            {
                current = child;
                depth++;
            }
        }
    }

    private int ParseStartTag(int parent, out bool isEmpty)
    {
        var tagStart = _position;
        _position++;
        var (nameOffset, prefixLength, nameLength) = ParseQualifiedName();
        var element = _tree.AddElement(parent, nameOffset, prefixLength, nameLength);

        while (true)
        {
            var hadWhiteSpace = SkipWhiteSpace();
            if (AtEnd)
            {
                throw UnclosedElements(parent, "Unexpected end of file while parsing a start tag has occurred.");
            }

            if (_text[_position] == (byte)'>')
            {
                _position++;
                isEmpty = false;
                break;
            }

            if (_text[_position] == (byte)'/' && _position + 1 < _text.Length && _text[_position + 1] == (byte)'>')
            {
                _position += 2;
                isEmpty = true;
                break;
            }

            if (!hadWhiteSpace)
            {
                throw Error($"Unexpected character in the start tag of '{QualifiedName(element)}'; expected white space, '>' or '/>'.", _position);
            }

            ParseAttribute(element);
        }

        ResolveNamespaces(element, tagStart);
        if (isEmpty)
        {
            _tree.EndElement(element);
        }

        return element;
    }

    private void ParseAttribute(int element)
    {
        var nameStart = _position;
        var (nameOffset, prefixLength, nameLength) = ParseQualifiedName();
        var name = _text.Slice(nameOffset, nameLength);

        for (var i = _tree.AttributeStart(element); i < _tree.AttributeStart(element) + _tree.AttributeCountOf(element); i++)
        {
            ref readonly var other = ref _tree.Attribute(i);
            if (_text.Slice(other.QualifiedNameOffset, other.LocalNameOffset + other.LocalNameLength - other.QualifiedNameOffset).SequenceEqual(name))
            {
                throw Error($"'{Encoding.UTF8.GetString(name)}' is a duplicate attribute name.", nameStart);
            }
        }

        SkipWhiteSpace();
        Expect((byte)'=', "'=' after the attribute name");
        SkipWhiteSpace();
        var value = ParseQuotedValue();
        _tree.AddAttribute(element, nameOffset, prefixLength, nameLength, value);
    }

    private ValueRange ParseQuotedValue()
    {
        if (AtEnd || _text[_position] is not ((byte)'"' or (byte)'\''))
        {
            throw AtEnd ? UnexpectedEnd() : Error("An attribute value must start with a quotation mark.", _position);
        }

        var quote = _text[_position++];
        var stops = quote == (byte)'"' ? DoubleQuotedStops : SingleQuotedStops;
        var start = _position;
        var needsNormalizing = false;
        while (true)
        {
            var length = _text[_position..].IndexOfAny(stops);
            if (length < 0)
            {
                _position = _text.Length;
                throw UnexpectedEnd();
            }

            _position += length;
            var current = _text[_position];
            if (current == quote)
            {
                break;
            }

            switch (current)
            {
                case (byte)'<':
                    throw Error("'<', hexadecimal value 0x3C, is an invalid attribute character.", _position);
                case (byte)'&':
                    SkipReference();
                    break;
                default:
                    _position++;
                    break;
            }

            // A reference or a tab, line feed or carriage return, each changed on decoding.
            needsNormalizing = true;
        }

        var range = new ValueRange(start, _position - start, needsNormalizing ? ValueKind.RawAttribute : ValueKind.Literal);
        _position++;
        return range;
    }

    private void ParseEndTag(int element)
    {
        var tagStart = _position;
        _position += 2;
        var (nameOffset, _, nameLength) = ParseQualifiedName();
        var startName = _tree.QualifiedNameBytes(element);
        if (!_text.Slice(nameOffset, nameLength).SequenceEqual(startName))
        {
            var (line, column) = LineAndPosition(StartTagOffset(element) + 1);
            throw Error(
                $"The '{Encoding.UTF8.GetString(startName)}' start tag on line {line} position {column} does not match the end tag of '{Encoding.UTF8.GetString(_text.Slice(nameOffset, nameLength))}'.",
                tagStart + 2);
        }

        SkipWhiteSpace();
        if (AtEnd)
        {
            throw UnclosedElements(element);
        }

        Expect((byte)'>', "'>' to close the end tag");
    }

    // Text up to the next markup. Text of white space only is dropped, as XmlReader does with
    // IgnoreWhitespace.
    private void ParseText()
    {
        var start = _position;
        var needsNormalizing = false;
        while (true)
        {
            var length = _text[_position..].IndexOfAny(TextStops);
            _position = length < 0 ? _text.Length : _position + length;
            if (length < 0 || _text[_position] == (byte)'<')
            {
                break;
            }

            switch (_text[_position])
            {
                case (byte)'&':
                    SkipReference();
                    needsNormalizing = true;
                    break;
                case (byte)']' when _text[_position..].StartsWith("]]>"u8):
                    throw Error("']]>' is not allowed in character data.", _position);
                case (byte)'\r':
                    needsNormalizing = true;
                    _position++;
                    break;
                default:
                    _position++;
                    break;
            }
        }

        // A reference is never white space here, as in XmlReader, which reports such text as Text.
        var text = _text[start.._position];
        if (text.IndexOfAnyExcept(WhiteSpaceBytes) >= 0)
        {
            _tree.AddText(new ValueRange(start, text.Length, needsNormalizing ? ValueKind.RawText : ValueKind.Literal));
        }
    }

    private void ParseCData()
    {
        _position += "<![CDATA["u8.Length;
        var start = _position;
        var length = _text[start..].IndexOf("]]>"u8);
        if (length < 0)
        {
            _position = _text.Length;
            throw UnexpectedEnd();
        }

        var content = _text.Slice(start, length);
        _tree.AddText(new ValueRange(start, length, content.Contains((byte)'\r') ? ValueKind.RawCData : ValueKind.Literal));
        _position = start + length + 3;
    }

    private void ParseComment()
    {
        var start = _position + 4;
        var length = _text[start..].IndexOf("--"u8);
        if (length < 0)
        {
            _position = _text.Length;
            throw UnexpectedEnd();
        }

        var end = start + length;
        if (end + 2 >= _text.Length || _text[end + 2] != (byte)'>')
        {
            throw Error("An XML comment cannot contain '--', and '-' cannot be the last character.", end);
        }

        _position = end + 3;
    }

    private void ParseProcessingInstruction()
    {
        var start = _position;
        _position += 2;
        // A target is a name without a colon when namespaces are in use (XML Namespaces, section 7).
        var targetOffset = _position;
        ParseNcName();
        if (!AtEnd && _text[_position] == (byte)':')
        {
            throw Error("The ':' character, hexadecimal value 0x3A, cannot be included in a name.", _position);
        }

        if (Ascii.EqualsIgnoreCase(_text[targetOffset.._position], "xml"u8))
        {
            throw Error(
                "Unexpected XML declaration. The XML declaration must be the first node in the document, and no white space characters are allowed to appear before it.",
                start + 2);
        }

        var length = _text[_position..].IndexOf("?>"u8);
        if (length < 0)
        {
            _position = _text.Length;
            throw UnexpectedEnd();
        }

        if (length > 0 && !IsWhiteSpace(_text[_position]))
        {
            throw Error("A processing instruction needs white space between its target and its content.", _position);
        }

        _position += length + 2;
    }

    // <?xml version="1.x" encoding="..." standalone="yes|no"?>, attributes in that order.
    private void ParseXmlDeclaration()
    {
        _position += 5;
        var seen = 0;
        while (true)
        {
            var hadWhiteSpace = SkipWhiteSpace();
            if (AtEnd)
            {
                throw UnexpectedEnd();
            }

            if (_text[_position..].StartsWith("?>"u8))
            {
                if (seen == 0)
                {
                    throw Error("The XML declaration needs a version attribute.", _position);
                }

                _position += 2;
                return;
            }

            if (!hadWhiteSpace)
            {
                throw Error("The XML declaration needs white space between its attributes.", _position);
            }

            var nameStart = _position;
            var (nameOffset, _, nameLength) = ParseQualifiedName();
            var name = _text.Slice(nameOffset, nameLength);
            SkipWhiteSpace();
            Expect((byte)'=', "'=' in the XML declaration");
            SkipWhiteSpace();
            var value = ParseQuotedValue();
            var text = _text.Slice(value.Offset, value.Length);
            if (!Ascii.IsValid(text))
            {
                // Declaration values are ASCII (XML 1.0, section 2.8). XmlReader fails on
                // non-ASCII here too, though with a message about the root level.
                throw Error($"The XML declaration's {Encoding.UTF8.GetString(name)} '{Encoding.UTF8.GetString(text)}' contains non-ASCII characters.", value.Offset);
            }

            if (seen == 0 && name.SequenceEqual("version"u8))
            {
                // XmlReader (.NET 10) accepts any version that starts with "1.0", so this does too.
                if (!text.StartsWith("1.0"u8))
                {
                    throw Error($"Version number '{Encoding.UTF8.GetString(text)}' is invalid.", value.Offset);
                }

                seen = 1;
            }
            else if (seen == 1 && name.SequenceEqual("encoding"u8))
            {
                // The framing carries UTF-8 (ECMA-323 Annex J.2 bodies), and a declaration that
                // names another encoding would make XmlReader decode the same bytes differently.
                if (!Ascii.EqualsIgnoreCase(text, "UTF-8"u8))
                {
                    throw Error(
                        $"The XML declaration names encoding '{Encoding.UTF8.GetString(text)}'; a CSTA body must be UTF-8, so declare UTF-8 or leave the encoding out.",
                        value.Offset);
                }

                seen = 2;
            }
            else if (seen >= 1 && seen <= 2 && name.SequenceEqual("standalone"u8))
            {
                if (!text.SequenceEqual("yes"u8) && !text.SequenceEqual("no"u8))
                {
                    throw Error("The standalone attribute of the XML declaration must be 'yes' or 'no'.", value.Offset);
                }

                seen = 3;
            }
            else
            {
                throw Error($"'{Encoding.UTF8.GetString(name)}' is not expected here in the XML declaration.", nameStart);
            }
        }
    }

    // Resolves the element's prefix and its attributes' prefixes against the xmlns declarations
    // on it and its ancestors, and checks the declarations themselves.
    private readonly void ResolveNamespaces(int element, int tagStart)
    {
        var first = _tree.AttributeStart(element);
        for (var i = first; i < first + _tree.AttributeCountOf(element); i++)
        {
            ref readonly var attribute = ref _tree.Attribute(i);
            var prefix = _text.Slice(attribute.QualifiedNameOffset, attribute.PrefixLength);
            var localName = _text.Slice(attribute.LocalNameOffset, attribute.LocalNameLength);
            if (!prefix.SequenceEqual("xmlns"u8))
            {
                continue;
            }

            if (attribute.Value.Length == 0)
            {
                throw Error("Cannot use a prefix with an empty namespace.", attribute.QualifiedNameOffset);
            }

            if (localName.SequenceEqual("xmlns"u8) || localName.SequenceEqual("xml"u8))
            {
                // NOTE: XML Namespaces allow xmlns:xml bound to its own URI; no CSTA body does so,
                // so it is rejected with the rest.
                throw Error($"Prefix '{Encoding.UTF8.GetString(localName)}' is reserved and cannot be declared.", attribute.QualifiedNameOffset);
            }
        }

        _tree.SetNamespace(element, Resolve(element, _tree.PrefixBytes(element), tagStart + 1));

        for (var i = first; i < first + _tree.AttributeCountOf(element); i++)
        {
            ref readonly var attribute = ref _tree.Attribute(i);
            var prefix = _text.Slice(attribute.QualifiedNameOffset, attribute.PrefixLength);
            if (prefix.Length > 0 && !prefix.SequenceEqual("xmlns"u8))
            {
                Resolve(element, prefix, attribute.QualifiedNameOffset);
            }
        }
    }

    private readonly ValueRange Resolve(int element, ReadOnlySpan<byte> prefix, int offset)
    {
        if (prefix.SequenceEqual("xml"u8))
        {
            return _tree.AppendLiteral("http://www.w3.org/XML/1998/namespace");
        }

        for (var scope = element; scope != CstaXmlTree.None; scope = _tree.Parent(scope))
        {
            var first = _tree.AttributeStart(scope);
            for (var i = first; i < first + _tree.AttributeCountOf(scope); i++)
            {
                ref readonly var attribute = ref _tree.Attribute(i);
                var attributePrefix = _text.Slice(attribute.QualifiedNameOffset, attribute.PrefixLength);
                var localName = _text.Slice(attribute.LocalNameOffset, attribute.LocalNameLength);
                var declares = prefix.IsEmpty
                    ? attributePrefix.IsEmpty && localName.SequenceEqual("xmlns"u8)
                    : attributePrefix.SequenceEqual("xmlns"u8) && localName.SequenceEqual(prefix);
                if (declares)
                {
                    return attribute.Value;
                }
            }
        }

        if (prefix.IsEmpty)
        {
            return new ValueRange(0, 0, ValueKind.Literal);
        }

        throw Error($"'{Encoding.UTF8.GetString(prefix)}' is an undeclared prefix.", offset);
    }

    // Name or prefix:name (a QName of XML Namespaces). Returns the offset and length of the whole
    // name and the prefix length, 0 without one.
    private (int Offset, int PrefixLength, int Length) ParseQualifiedName()
    {
        var start = _position;
        var prefixLength = 0;
        ParseNcName();
        if (!AtEnd && _text[_position] == (byte)':')
        {
            prefixLength = _position - start;
            _position++;
            ParseNcName();
        }

        return (start, prefixLength, _position - start);
    }

    private void ParseNcName()
    {
        var start = _position;
        while (!AtEnd)
        {
            var current = _text[_position];
            if (current < 0x80 && _position > start)
            {
                // The rest of an ASCII name in one scan.
                var length = _text[_position..].IndexOfAnyExcept(AsciiNameBytes);
                _position = length < 0 ? _text.Length : _position + length;
                if (AtEnd || _text[_position] < 0x80)
                {
                    break;
                }

                continue;
            }

            if (current < 0x80)
            {
                var isNameChar = char.IsAsciiLetter((char)current) || current == (byte)'_'
                    || (_position > start && (char.IsAsciiDigit((char)current) || current is (byte)'-' or (byte)'.'));
                if (!isNameChar)
                {
                    break;
                }

                _position++;
                continue;
            }

            Rune.DecodeFromUtf8(_text[_position..], out var rune, out var consumed);
            var isNonAsciiNameChar = rune.IsBmp
                ? (_position == start ? XmlConvert.IsStartNCNameChar((char)rune.Value) : XmlConvert.IsNCNameChar((char)rune.Value))
                : rune.Value <= 0xEFFFF;
            if (!isNonAsciiNameChar)
            {
                break;
            }

            _position += consumed;
        }

        if (_position == start)
        {
            if (AtEnd)
            {
                throw UnexpectedEnd();
            }

            throw Error($"Name cannot begin with the '{DescribeCharacter(_position)}' character.", _position);
        }
    }

    // Steps over a reference starting at '&' after checking it is one of the five predefined
    // entities or a character reference to an XML Char.
    private void SkipReference()
    {
        var start = _position;
        var reference = _text[(start + 1)..];
        int length;
        if (!reference.IsEmpty && reference[0] == (byte)'#')
        {
            // &#digits; or &#xhexdigits; (a lower-case x only, as XML 1.0 section 4.1 writes it)
            var isHex = reference.Length > 1 && reference[1] == (byte)'x';
            var digitsStart = isHex ? 2 : 1;
            var digitCount = reference[digitsStart..].IndexOfAnyExcept(isHex ? HexDigits : DecimalDigits);
            length = digitsStart + digitCount;
            if (digitCount <= 0 || reference[length] != (byte)';')
            {
                throw digitCount < 0 ? UnexpectedEnd() : Error("A character reference needs digits and a closing ';', as in &#60; or &#x3C;.", start);
            }

            var codePoint = 0;
            foreach (var digit in reference[digitsStart..length])
            {
                codePoint = codePoint * (isHex ? 16 : 10) + (char.IsAsciiDigit((char)digit) ? digit - '0' : (digit | 0x20) - 'a' + 10);
                if (codePoint > 0x10FFFF)
                {
                    break;
                }
            }

            if (!XmlCharacterData.IsXmlChar(codePoint))
            {
                throw Error($"The character reference '{Encoding.UTF8.GetString(_text.Slice(start, length + 2))}' is not an XML character.", start);
            }
        }
        else
        {
            length = reference.IndexOfAnyExcept(AsciiNameBytes);
            if (length <= 0 || reference[length] != (byte)';')
            {
                throw Error("'&' must start a reference such as &amp; or &#60;; write a literal '&' as &amp;.", start);
            }

            if (XmlCharacterData.PredefinedEntity(reference[..length]) < 0)
            {
                // Without a DTD only the five predefined entities exist, and no DTD is ever read.
                throw Error($"Reference to undeclared entity '{Encoding.UTF8.GetString(reference[..length])}'.", start + 1);
            }
        }

        _position = start + length + 2;
    }

    // Checks the whole body once: valid UTF-8, and no code point that is not an XML character.
    // Those are the control characters other than tab, line feed and carriage return, and
    // U+FFFE and U+FFFF (EF BF BE, EF BF BF). Surrogates are already invalid UTF-8.
    private readonly void CheckCharacters()
    {
        if (!Utf8.IsValid(_text))
        {
            var offset = 0;
            while (Rune.DecodeFromUtf8(_text[offset..], out _, out var consumed) == OperationStatus.Done)
            {
                offset += consumed;
            }

            throw Error("Invalid character in the given encoding.", offset);
        }

        var control = _text.IndexOfAny(InvalidControlBytes);
        if (control >= 0)
        {
            throw Error($"'\\u{_text[control]:X4}', hexadecimal value 0x{_text[control]:X2}, is an invalid character.", control);
        }

        for (var offset = _text.IndexOf((byte)0xEF); offset >= 0 && offset + 2 < _text.Length; offset = NextIndexOf(0xEF, offset + 1))
        {
            if (_text[offset + 1] == 0xBF && _text[offset + 2] >= 0xBE)
            {
                throw Error($"'\\u{0xFFFE + _text[offset + 2] - 0xBE:X4}' is an invalid character.", offset);
            }
        }
    }

    private readonly int NextIndexOf(byte value, int start)
    {
        var found = _text[start..].IndexOf(value);
        return found < 0 ? -1 : start + found;
    }

    private bool SkipWhiteSpace()
    {
        var start = _position;
        while (!AtEnd && IsWhiteSpace(_text[_position]))
        {
            _position++;
        }

        return _position > start;
    }

    private void Expect(byte expected, string description)
    {
        if (AtEnd)
        {
            throw UnexpectedEnd();
        }

        if (_text[_position] != expected)
        {
            throw Error($"Expected {description}, found '{DescribeCharacter(_position)}'.", _position);
        }

        _position++;
    }

    private static bool IsWhiteSpace(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private readonly string QualifiedName(int element) => Encoding.UTF8.GetString(_tree.QualifiedNameBytes(element));

    // The body is copied to offset 0 of the tree's buffer, so tree offsets are body offsets.
    private readonly int StartTagOffset(int element) => _tree.QualifiedNameOffset(element) - 1;

    private readonly string DescribeCharacter(int offset)
    {
        Rune.DecodeFromUtf8(_text[offset..], out var rune, out _);
        return rune.Value < 0x20 ? $"\\u{rune.Value:X4}" : rune.ToString();
    }

    private readonly XmlException UnexpectedEnd() => UnclosedElements(CstaXmlTree.None, "Unexpected end of file has occurred.");

    // The message XmlReader gives at the end of input inside elements, naming the open ones
    // innermost first.
    private readonly XmlException UnclosedElements(int innermost, string message = "Unexpected end of file has occurred.")
    {
        var open = new List<string>();
        for (var element = innermost; element != CstaXmlTree.None; element = _tree.Parent(element))
        {
            open.Add(QualifiedName(element));
        }

        var text = open.Count == 0 ? message : $"{message} The following elements are not closed: {string.Join(", ", open)}.";
        return Error(text, _text.Length);
    }

    private readonly XmlException Error(string message, int offset)
    {
        var (line, position) = LineAndPosition(offset);
        return new XmlException(message, null, line, position);
    }

    // Line and position (1-based, in UTF-16 chars as XmlReader counts them) of a byte offset.
    // Computed only for an error, so parsing keeps no line count.
    private readonly (int Line, int Position) LineAndPosition(int offset)
    {
        var before = _text[..Math.Min(offset, _text.Length)];
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] == (byte)'\n' || (before[i] == (byte)'\r' && (i + 1 >= before.Length || before[i + 1] != (byte)'\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        var lineBytes = before[lineStart..];
        var charCount = Utf8.IsValid(lineBytes) ? Encoding.UTF8.GetCharCount(lineBytes) : lineBytes.Length;
        return (line, charCount + 1);
    }
}
