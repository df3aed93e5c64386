namespace PbxLab.Csta.Framing;

/// <summary>Outcome of one <see cref="CstaFrameReader.Read"/>.</summary>
public enum CstaFrameReadStatus
{
    /// <summary>The buffer contains no whole frame yet; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>One whole frame was read; <see cref="CstaFrameReadResult.BytesConsumed"/> bytes belong to it.</summary>
    Frame,

    /// <summary>The header is invalid; the connection cannot be resynchronised and should close.</summary>
    Rejected,
}

public readonly record struct CstaFrameReadResult(CstaFrameReadStatus Status, CstaFrame? Frame, CstaFrameRejection? Rejection, int BytesConsumed);

/// <summary>Pure reader of Annex J.2 frames from a byte buffer (layout in <see cref="CstaFrameHeader"/>).</summary>
public static class CstaFrameReader
{
    /// <summary>
    /// Reads the first frame of <paramref name="buffer"/>: need more bytes (consume nothing), one
    /// whole frame, or a rejection with its reason. Bytes after the frame are left for the next call.
    /// </summary>
    public static CstaFrameReadResult Read(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < CstaFrameHeader.Size)
        {
            return new CstaFrameReadResult(CstaFrameReadStatus.NeedMoreData, null, null, 0);
        }

        if (!CstaFrameHeader.TryParse(buffer, out var header, out var rejection))
        {
            return new CstaFrameReadResult(CstaFrameReadStatus.Rejected, null, rejection, 0);
        }

        if (buffer.Length < header.Length)
        {
            return new CstaFrameReadResult(CstaFrameReadStatus.NeedMoreData, null, null, 0);
        }

        var body = buffer[CstaFrameHeader.Size..header.Length].ToArray();
        return new CstaFrameReadResult(CstaFrameReadStatus.Frame, new CstaFrame(header.InvokeId, body), null, header.Length);
    }
}
