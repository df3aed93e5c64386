using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Framing;

/// <summary>
/// One decoded frame: the invoke id of its header and its message. A response reuses its
/// request's invoke id; unsolicited events carry <see cref="EventInvokeId"/>.
/// </summary>
public sealed record CstaEnvelope(int InvokeId, CstaMessage Message)
{
    /// <summary>Invoke id that switches reserve for unsolicited events (Eltex ECSS-10 and Zultys docs, OpenScape Voice captures).</summary>
    public const int EventInvokeId = 9999;
}
