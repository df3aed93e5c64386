using System.Globalization;

namespace PbxLab.Csta.Framing;

/// <summary>Writes Annex J.2 frames (layout in <see cref="CstaFrameHeader"/>).</summary>
public static class CstaFrameWriter
{
    /// <summary>
    /// Builds one frame. Throws <see cref="CstaEncodeException"/> when header plus body would
    /// exceed 65,535 bytes, the most the 16-bit length field can state.
    /// </summary>
    public static byte[] Write(int invokeId, ReadOnlySpan<byte> body)
    {
        var header = CreateHeader(invokeId, body.Length);
        var frame = new byte[header.Length];
        header.WriteTo(frame);
        body.CopyTo(frame.AsSpan(CstaFrameHeader.Size));
        return frame;
    }

    /// <summary>Checks the invoke id and the total size, and returns the header for a body of <paramref name="bodyLength"/> bytes.</summary>
    public static CstaFrameHeader CreateHeader(int invokeId, int bodyLength)
    {
        if (invokeId is < 0 or > CstaFrameHeader.MaxInvokeId)
        {
            throw new ArgumentOutOfRangeException(nameof(invokeId), invokeId, "A CSTA invoke id is 0 to 9999 (four ASCII digits).");
        }

        var length = CstaFrameHeader.Size + bodyLength;
        if (length > CstaFrameHeader.MaxFrameLength)
        {
            throw new CstaEncodeException(string.Create(
                CultureInfo.InvariantCulture,
                $"A CSTA frame with invoke id {invokeId:D4} would be {length} bytes ({bodyLength}-byte body); the 16-bit length field allows at most {CstaFrameHeader.MaxFrameLength}. Send less data per message."));
        }

        return new CstaFrameHeader(length, invokeId);
    }
}
