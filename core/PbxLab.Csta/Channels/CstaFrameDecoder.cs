using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Channels;

/// <summary>
/// Decodes ECMA-323 Annex J.2 frames from a byte stream into <see cref="CstaEnvelope"/> (or
/// <see cref="CstaUndecodableFrame"/> when the header is sound but the XML is not).
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
/// Frames may arrive split across reads or several in one read. A bad header (wrong format
/// indicator, length under 8, non-numeric invoke id) leaves no way to find the next frame, so the
/// decoder logs the peer and reason, drops the rest of the input and closes the connection.
/// </remarks>
public sealed class CstaFrameDecoder : ByteToMessageDecoder
{
    private readonly CstaXmlCodec _codec;
    private readonly ILogger _logger;
    private bool _rejected;

    public CstaFrameDecoder(CstaXmlCodec codec, ILogger? logger = null)
    {
        _codec = codec;
        _logger = logger ?? NullLogger.Instance;
    }

    protected override void Decode(IChannelHandlerContext context, IByteBuffer input, List<object> output)
    {
        if (_rejected)
        {
            input.SkipBytes(input.ReadableBytes);
            return;
        }

        if (input.ReadableBytes < CstaFrameHeader.Size)
        {
            return;
        }

        Span<byte> headerBytes = stackalloc byte[CstaFrameHeader.Size];
        for (var i = 0; i < CstaFrameHeader.Size; i++)
        {
            headerBytes[i] = input.GetByte(input.ReaderIndex + i);
        }

        if (!CstaFrameHeader.TryParse(headerBytes, out var header, out var rejection))
        {
            Reject(context, input, rejection!);
            return;
        }

        if (input.ReadableBytes < header.Length)
        {
            return;
        }

        input.SkipBytes(CstaFrameHeader.Size);
        var body = new byte[header.Length - CstaFrameHeader.Size];
        input.ReadBytes(body);

        output.Add(DecodeBody(context, header.InvokeId, body));
    }

    private object DecodeBody(IChannelHandlerContext context, int invokeId, byte[] body)
    {
        try
        {
            return new CstaEnvelope(invokeId, _codec.Decode(body));
        }
        catch (CstaDecodeException exception)
        {
            var rootName = exception.RootElementName ?? CstaXmlCodec.TryReadRootElementName(body);
            CstaLog.UndecodableFrame(_logger, Peer(context), invokeId, exception.Reason, rootName, exception.Message);
            return new CstaUndecodableFrame(invokeId, exception.Reason, exception.Message, rootName);
        }
    }

    private void Reject(IChannelHandlerContext context, IByteBuffer input, CstaFrameRejection rejection)
    {
        _rejected = true;
        CstaLog.FrameRejected(_logger, Peer(context), rejection.Reason, rejection.Message);
        input.SkipBytes(input.ReadableBytes);
        _ = context.CloseAsync();
    }

    private static string Peer(IChannelHandlerContext context) => context.Channel.RemoteAddress?.ToString() ?? "(unknown peer)";
}
