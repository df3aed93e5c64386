using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Channels;

/// <summary>
/// Encodes <see cref="CstaEnvelope"/> as an Annex J.2 frame in the codec's edition. A message
/// whose frame would exceed 65,535 bytes fails its write with <see cref="CstaEncodeException"/>.
/// </summary>
public sealed class CstaFrameEncoder(CstaXmlCodec codec) : MessageToByteEncoder<CstaEnvelope>
{
    public CstaEdition Edition => codec.Edition;

    protected override void Encode(IChannelHandlerContext context, CstaEnvelope message, IByteBuffer output)
    {
        var body = codec.Encode(message.Message);
        var header = CstaFrameWriter.CreateHeader(message.InvokeId, body.Length);

        Span<byte> headerBytes = stackalloc byte[CstaFrameHeader.Size];
        header.WriteTo(headerBytes);

        output.EnsureWritable(header.Length);
        output.WriteBytes(headerBytes.ToArray());
        output.WriteBytes(body);
    }
}
