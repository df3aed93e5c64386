using System.Text;

namespace PbxLab.Csta.Xml;

/// <summary>
/// Flat element tree of one XML body, filled by <see cref="Utf8XmlParser"/> or by the
/// <see cref="XmlReaderTreeBuilder"/> reference, and read by the CSTA decoders. Elements are
/// numbered in document order (the root is 0), names are UTF-8 byte ranges, and text is decoded
/// only when a decoder reads it. One instance is reused per thread, so a decode allocates
/// nothing here once the buffers have grown to the body size.
/// </summary>
internal sealed class CstaXmlTree
{
    public const int None = -1;

    // Buffers grown past this are dropped after use rather than kept for the next body, so one
    // large input does not pin memory on a thread. A framed body is at most 65,527 bytes.
    private const int MaxRetainedBytes = 64 * 1024;

    [ThreadStatic]
    private static CstaXmlTree? t_cached;

    private byte[] _bytes = new byte[1024];
    private int _byteCount;
    private ElementNode[] _elements = new ElementNode[32];
    private int _elementCount;
    private AttributeNode[] _attributes = new AttributeNode[8];
    private int _attributeCount;
    private ValueRange[] _segments = new ValueRange[32];
    private int _segmentCount;
    private char[] _chars = new char[256];

    /// <summary>Root element, or <see cref="None"/> while the tree is empty.</summary>
    public int Root => _elementCount > 0 ? 0 : None;

    /// <summary>Takes the calling thread's cached tree, or a new one when it is in use.</summary>
    public static CstaXmlTree Rent()
    {
        var tree = t_cached ?? new CstaXmlTree();
        t_cached = null;
        tree.Clear();
        return tree;
    }

    /// <summary>Gives a tree back for reuse on this thread; strings taken from it stay valid.</summary>
    public static void Return(CstaXmlTree tree)
    {
        if (tree._bytes.Length <= MaxRetainedBytes && tree._chars.Length <= MaxRetainedBytes)
        {
            t_cached = tree;
        }
    }

    public int FirstChild(int element) => _elements[element].FirstChild;

    public int NextSibling(int element) => _elements[element].NextSibling;

    public bool HasElements(int element) => _elements[element].FirstChild != None;

    public bool IsNamed(int element, ReadOnlySpan<byte> localName) => LocalNameBytes(element).SequenceEqual(localName);

    /// <summary>First child element with this local name, in any namespace, or <see cref="None"/>.</summary>
    public int Child(int parent, ReadOnlySpan<byte> localName)
    {
        for (var child = _elements[parent].FirstChild; child != None; child = _elements[child].NextSibling)
        {
            if (IsNamed(child, localName))
            {
                return child;
            }
        }

        return None;
    }

    /// <summary>Local name as a new string, for messages and lookups.</summary>
    public string GetLocalName(int element) => Encoding.UTF8.GetString(LocalNameBytes(element));

    /// <summary>
    /// Decodes the element's local name into <paramref name="destination"/>; false when it does
    /// not fit. Names are ASCII in CSTA, so a stack buffer of the longest known name suffices.
    /// </summary>
    public bool TryGetLocalName(int element, Span<char> destination, out int charsWritten) =>
        Encoding.UTF8.TryGetChars(LocalNameBytes(element), destination, out charsWritten);

    /// <summary>
    /// Namespace URI of an element, empty when it is in no namespace. The span is valid until
    /// the next call on this tree.
    /// </summary>
    public ReadOnlySpan<char> GetNamespaceUri(int element) => DecodeValue(_elements[element].Namespace);

    /// <summary>
    /// All text inside the element, its descendants' included, in document order and with
    /// leading and trailing white space trimmed, as <c>XElement.Value.Trim()</c> gives it. The
    /// span is valid until the next call on this tree.
    /// </summary>
    public ReadOnlySpan<char> GetTrimmedText(int element)
    {
        ref readonly var node = ref _elements[element];
        if (node.SegmentEnd - node.FirstSegment == 1)
        {
            return DecodeValue(_segments[node.FirstSegment]).Trim();
        }

        var length = 0;
        for (var i = node.FirstSegment; i < node.SegmentEnd; i++)
        {
            length += _segments[i].Length;
        }

        // Each segment is decoded at the end of the buffer and moved down behind the previous one.
        EnsureChars(length * 2);
        var written = 0;
        for (var i = node.FirstSegment; i < node.SegmentEnd; i++)
        {
            var decoded = DecodeValue(_segments[i], length);
            decoded.CopyTo(_chars.AsSpan(written));
            written += decoded.Length;
        }

        return _chars.AsSpan(0, written).Trim();
    }

    public string GetTrimmedTextString(int element) => new(GetTrimmedText(element));

    /// <summary>
    /// Finds an attribute with no prefix by local name and returns its normalised, trimmed
    /// value. The span is valid until the next call on this tree.
    /// </summary>
    public bool TryGetAttribute(int element, ReadOnlySpan<byte> localName, out ReadOnlySpan<char> trimmedValue)
    {
        ref readonly var node = ref _elements[element];
        for (var i = node.FirstAttribute; i < node.FirstAttribute + node.AttributeCount; i++)
        {
            ref readonly var attribute = ref _attributes[i];
            if (attribute.PrefixLength == 0 && _bytes.AsSpan(attribute.LocalNameOffset, attribute.LocalNameLength).SequenceEqual(localName))
            {
                trimmedValue = DecodeValue(attribute.Value).Trim();
                return true;
            }
        }

        trimmedValue = default;
        return false;
    }

    // Building, used by the two parsers.

    /// <summary>Copies bytes into the tree's buffer and returns their offset there.</summary>
    public int AppendBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(ref _bytes, _byteCount + bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_byteCount));
        var offset = _byteCount;
        _byteCount += bytes.Length;
        return offset;
    }

    /// <summary>Encodes text as UTF-8 into the tree's buffer and returns its range, marked literal.</summary>
    public ValueRange AppendLiteral(ReadOnlySpan<char> text)
    {
        EnsureCapacity(ref _bytes, _byteCount + Encoding.UTF8.GetMaxByteCount(text.Length));
        var length = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_byteCount));
        var range = new ValueRange(_byteCount, length, ValueKind.Literal);
        _byteCount += length;
        return range;
    }

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _byteCount);

    public int ElementCount => _elementCount;

    /// <summary>Adds an element as the last child of <paramref name="parent"/> and returns its number.</summary>
    public int AddElement(int parent, int qualifiedNameOffset, int prefixLength, int qualifiedNameLength)
    {
        EnsureCapacity(ref _elements, _elementCount + 1);
        var element = _elementCount++;
        _elements[element] = new ElementNode
        {
            Parent = parent,
            FirstChild = None,
            LastChild = None,
            NextSibling = None,
            QualifiedNameOffset = qualifiedNameOffset,
            PrefixLength = prefixLength,
            QualifiedNameLength = qualifiedNameLength,
            FirstAttribute = _attributeCount,
            FirstSegment = _segmentCount,
            SegmentEnd = _segmentCount,
        };

        if (parent != None)
        {
            ref var parentNode = ref _elements[parent];
            if (parentNode.LastChild == None)
            {
                parentNode.FirstChild = element;
            }
            else
            {
                _elements[parentNode.LastChild].NextSibling = element;
            }

            parentNode.LastChild = element;
        }

        return element;
    }

    public void AddAttribute(int element, int qualifiedNameOffset, int prefixLength, int qualifiedNameLength, ValueRange value)
    {
        EnsureCapacity(ref _attributes, _attributeCount + 1);
        var localNameOffset = prefixLength == 0 ? qualifiedNameOffset : qualifiedNameOffset + prefixLength + 1;
        _attributes[_attributeCount++] = new AttributeNode(
            qualifiedNameOffset, prefixLength, localNameOffset, qualifiedNameOffset + qualifiedNameLength - localNameOffset, value);
        _elements[element].AttributeCount++;
    }

    public void SetNamespace(int element, ValueRange namespaceUri) => _elements[element].Namespace = namespaceUri;

    public void AddText(ValueRange text)
    {
        EnsureCapacity(ref _segments, _segmentCount + 1);
        _segments[_segmentCount++] = text;
    }

    /// <summary>Marks the end of an element, so its text is the segments added since it started.</summary>
    public void EndElement(int element) => _elements[element].SegmentEnd = _segmentCount;

    public int Parent(int element) => _elements[element].Parent;

    public ReadOnlySpan<byte> QualifiedNameBytes(int element)
    {
        ref readonly var node = ref _elements[element];
        return _bytes.AsSpan(node.QualifiedNameOffset, node.QualifiedNameLength);
    }

    public int QualifiedNameOffset(int element) => _elements[element].QualifiedNameOffset;

    public ReadOnlySpan<byte> PrefixBytes(int element)
    {
        ref readonly var node = ref _elements[element];
        return _bytes.AsSpan(node.QualifiedNameOffset, node.PrefixLength);
    }

    public int AttributeStart(int element) => _elements[element].FirstAttribute;

    public int AttributeCountOf(int element) => _elements[element].AttributeCount;

    public ref readonly AttributeNode Attribute(int index) => ref _attributes[index];

    /// <summary>Decodes a value range into the scratch buffer (valid until the next call).</summary>
    public ReadOnlySpan<char> DecodeValue(ValueRange value) => DecodeValue(value, 0);

    private ReadOnlySpan<byte> LocalNameBytes(int element)
    {
        ref readonly var node = ref _elements[element];
        var skip = node.PrefixLength == 0 ? 0 : node.PrefixLength + 1;
        return _bytes.AsSpan(node.QualifiedNameOffset + skip, node.QualifiedNameLength - skip);
    }

    private ReadOnlySpan<char> DecodeValue(ValueRange value, int charOffset)
    {
        var source = _bytes.AsSpan(value.Offset, value.Length);
        EnsureChars(charOffset + value.Length);
        var destination = _chars.AsSpan(charOffset);
        var length = Encoding.UTF8.GetChars(source, destination);

        return value.Kind == ValueKind.Literal
            ? destination[..length]
            : XmlCharacterData.Normalize(destination[..length], value.Kind);
    }

    private void EnsureChars(int length)
    {
        if (_chars.Length < length)
        {
            _chars = new char[Math.Max(length, _chars.Length * 2)];
        }
    }

    private void Clear()
    {
        _byteCount = 0;
        _elementCount = 0;
        _attributeCount = 0;
        _segmentCount = 0;
    }

    private static void EnsureCapacity<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            Array.Resize(ref array, Math.Max(length, array.Length * 2));
        }
    }

    private struct ElementNode
    {
        public int Parent;
        public int FirstChild;
        public int LastChild;
        public int NextSibling;
        public int QualifiedNameOffset;
        public int PrefixLength;
        public int QualifiedNameLength;
        public ValueRange Namespace;
        public int FirstAttribute;
        public int AttributeCount;
        public int FirstSegment;
        public int SegmentEnd;
    }
}

/// <summary>How the bytes of a <see cref="ValueRange"/> become text.</summary>
internal enum ValueKind : byte
{
    /// <summary>Already decoded text (from XmlReader), taken as it is.</summary>
    Literal,

    /// <summary>Character data as written in the body: references and line ends still to resolve.</summary>
    RawText,

    /// <summary>An attribute value as written: as <see cref="RawText"/>, and white space becomes spaces.</summary>
    RawAttribute,

    /// <summary>A CDATA section's content: only line ends still to resolve.</summary>
    RawCData,
}

/// <summary>A run of text in <see cref="CstaXmlTree"/>'s byte buffer.</summary>
internal readonly record struct ValueRange(int Offset, int Length, ValueKind Kind);

internal readonly record struct AttributeNode(int QualifiedNameOffset, int PrefixLength, int LocalNameOffset, int LocalNameLength, ValueRange Value);
