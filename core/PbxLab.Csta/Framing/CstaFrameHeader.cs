using System.Buffers.Binary;
using System.Text;

namespace PbxLab.Csta.Framing;

/// <summary>
/// The 8-byte header of ECMA-323 Annex J.2 "TCP without SOAP" framing.
/// </summary>
/// <remarks>
/// <code>
///  byte   0      1      2      3      4    5    6    7    8 …
///       +------+------+------+------+----+----+----+----+-----------------+
///       | 0x00 | 0x00 | len hi len lo| d1 | d2 | d3 | d4 | XML body, UTF-8 |
///       +------+------+------+------+----+----+----+----+-----------------+
///        format         total length  invoke id, four ASCII
///        indicator      (big-endian,  digits "0000".."9999"
///        0x0000         header        (9999: unsolicited event)
///                       included)
/// </code>
/// The length counts bytes of header plus body, as two OpenScape Voice captures and an MX-ONE
/// log show (a 995-byte body has length 1003), so a frame is at most 65,535 bytes.
/// </remarks>
public readonly record struct CstaFrameHeader(int Length, int InvokeId)
{
    public const int Size = 8;

    public const int MaxFrameLength = ushort.MaxValue;

    public const int MaxInvokeId = 9999;

    /// <summary>
    /// Reads a header from the first 8 bytes of <paramref name="header"/>. On failure
    /// <paramref name="rejection"/> names the reason and the offending bytes.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> header, out CstaFrameHeader parsed, out CstaFrameRejection? rejection)
    {
        if (header.Length < Size)
        {
            throw new ArgumentException($"A CSTA frame header is {Size} bytes; got {header.Length}.", nameof(header));
        }

        parsed = default;

        if (header[0] != 0 || header[1] != 0)
        {
            rejection = new CstaFrameRejection(
                CstaRejectReason.InvalidFormatIndicator,
                $"Frame starts with 0x{header[0]:X2}{header[1]:X2}; expected the format indicator 0x0000 (TCP without SOAP).");
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(header[2..4]);
        if (length < Size)
        {
            rejection = new CstaFrameRejection(
                CstaRejectReason.LengthTooShort,
                $"Frame length is {length}; it includes the {Size}-byte header, so it must be at least {Size}.");
            return false;
        }

        var invokeId = 0;
        foreach (var digit in header[4..8])
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                rejection = new CstaFrameRejection(
                    CstaRejectReason.InvalidInvokeId,
                    $"Frame invoke id is {Describe(header[4..8])}; expected four ASCII digits 0000 to 9999.");
                return false;
            }

            invokeId = (invokeId * 10) + (digit - '0');
        }

        parsed = new CstaFrameHeader(length, invokeId);
        rejection = null;
        return true;
    }

    /// <summary>Writes this header into the first 8 bytes of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination[0] = 0;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..4], checked((ushort)Length));
        destination[4] = (byte)('0' + (InvokeId / 1000));
        destination[5] = (byte)('0' + (InvokeId / 100 % 10));
        destination[6] = (byte)('0' + (InvokeId / 10 % 10));
        destination[7] = (byte)('0' + (InvokeId % 10));
    }

    // Shows printable ASCII as text and anything else as hex, so a log never carries control bytes.
    private static string Describe(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        var printable = true;
        foreach (var value in bytes)
        {
            printable &= value is >= 0x20 and < 0x7F;
        }

        if (printable)
        {
            text.Append('"').Append(Encoding.ASCII.GetString(bytes)).Append('"');
            return text.ToString();
        }

        text.Append("0x").Append(Convert.ToHexString(bytes));
        return text.ToString();
    }
}
