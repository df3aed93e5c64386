namespace PbxLab.Csta.Framing;

/// <summary>A whole frame whose header is sound: its invoke id and XML body bytes.</summary>
public sealed class CstaFrame(int invokeId, byte[] body)
{
    public int InvokeId { get; } = invokeId;

    public ReadOnlyMemory<byte> Body { get; } = body;

    /// <summary>Total size on the wire, header included.</summary>
    public int Length => CstaFrameHeader.Size + Body.Length;
}
