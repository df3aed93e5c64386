using System.Globalization;
using System.Text;

namespace PbxLab.Csta.Xml;

/// <summary>
/// Resolution of character data as XML 1.0 defines it: the five predefined entity references,
/// character references, line-end normalisation (section 2.11) and, in attribute values, the
/// replacement of white space by spaces (section 3.3.3, for attributes without a DTD type).
/// </summary>
internal static class XmlCharacterData
{
    /// <summary>
    /// Resolves line ends and, except in CDATA, references in place, and returns the shortened
    /// text. The references must already have been checked by <see cref="Utf8XmlParser"/>.
    /// </summary>
    public static Span<char> Normalize(Span<char> text, ValueKind kind)
    {
        var attribute = kind == ValueKind.RawAttribute;
        var resolveReferences = kind != ValueKind.RawCData;
        var written = 0;
        for (var read = 0; read < text.Length; read++)
        {
            var character = text[read];
            switch (character)
            {
                case '\r':
                    if (read + 1 < text.Length && text[read + 1] == '\n')
                    {
                        read++;
                    }

                    text[written++] = attribute ? ' ' : '\n';
                    break;

                case '\n' or '\t' when attribute:
                    text[written++] = ' ';
                    break;

                case '&' when resolveReferences:
                    var end = read + text[read..].IndexOf(';');
                    written += Resolve(text[(read + 1)..end], text[written..]);
                    read = end;
                    break;

                default:
                    text[written++] = character;
                    break;
            }
        }

        return text[..written];
    }

    /// <summary>Whether a code point is a Char of XML 1.0 (section 2.2).</summary>
    public static bool IsXmlChar(int codePoint) =>
        codePoint is 0x9 or 0xA or 0xD
        or (>= 0x20 and <= 0xD7FF)
        or (>= 0xE000 and <= 0xFFFD)
        or (>= 0x10000 and <= 0x10FFFF);

    /// <summary>The character a predefined entity names (lt, gt, amp, apos, quot), or -1.</summary>
    public static int PredefinedEntity(ReadOnlySpan<byte> name) => name switch
    {
        [(byte)'l', (byte)'t'] => '<',
        [(byte)'g', (byte)'t'] => '>',
        [(byte)'a', (byte)'m', (byte)'p'] => '&',
        [(byte)'a', (byte)'p', (byte)'o', (byte)'s'] => '\'',
        [(byte)'q', (byte)'u', (byte)'o', (byte)'t'] => '"',
        _ => -1,
    };

    // Writes the character of one reference (the text between & and ;) and returns how many
    // chars it took: two for a code point above U+FFFF.
    private static int Resolve(ReadOnlySpan<char> reference, Span<char> destination)
    {
        int codePoint;
        if (reference[0] == '#')
        {
            codePoint = reference.Length > 1 && reference[1] == 'x'
                ? int.Parse(reference[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
                : int.Parse(reference[1..], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            codePoint = reference switch
            {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "apos" => '\'',
                _ => '"',
            };
        }

        return new Rune(codePoint).EncodeToUtf16(destination);
    }
}
