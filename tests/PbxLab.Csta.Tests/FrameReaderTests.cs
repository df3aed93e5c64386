using System.Text;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

public sealed class FrameReaderTests
{
    private static readonly CstaXmlCodec Codec = new(CstaEdition.Ed5);

    [Fact]
    public void MxOne_make_call_header_matches_logged_length()
    {
        var body = Encoding.UTF8.GetBytes(WireCorpus.MxOneMakeCall);

        var frame = CstaFrameWriter.Write(1, body);

        Assert.Equal(213, body.Length);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x00, 221, (byte)'0', (byte)'0', (byte)'0', (byte)'1' }, frame[..8]);
    }

    [Fact]
    public void OpenScape_capture_header_decodes_length_and_event_id()
    {
        byte[] header = [0x00, 0x00, 0x03, 0xEB, (byte)'9', (byte)'9', (byte)'9', (byte)'9'];

        Assert.True(CstaFrameHeader.TryParse(header, out var parsed, out var rejection));

        Assert.Null(rejection);
        Assert.Equal(1003, parsed.Length);
        Assert.Equal(CstaEnvelope.EventInvokeId, parsed.InvokeId);
    }

    [Theory]
    [MemberData(nameof(WireCorpus.ValidNames), MemberType = typeof(WireCorpus))]
    public void Valid_frame_decodes_to_expected_message(string name)
    {
        var corpus = WireCorpus.ValidByName(name);

        var result = CstaFrameReader.Read(corpus.Bytes);

        Assert.Equal(CstaFrameReadStatus.Frame, result.Status);
        Assert.Equal(corpus.Bytes.Length, result.BytesConsumed);
        Assert.Equal(corpus.InvokeId, result.Frame!.InvokeId);
        Assert.Equal(corpus.Expected, Codec.Decode(result.Frame.Body.Span));
    }

    [Theory]
    [MemberData(nameof(WireCorpus.ValidNames), MemberType = typeof(WireCorpus))]
    public void Every_truncation_needs_more_data(string name)
    {
        var bytes = WireCorpus.ValidByName(name).Bytes;

        for (var length = 0; length < bytes.Length; length++)
        {
            var result = CstaFrameReader.Read(bytes.AsSpan(0, length));

            Assert.Equal(CstaFrameReadStatus.NeedMoreData, result.Status);
            Assert.Equal(0, result.BytesConsumed);
            Assert.Null(result.Frame);
        }
    }

    [Theory]
    [MemberData(nameof(WireCorpus.InvalidNames), MemberType = typeof(WireCorpus))]
    public void Invalid_frame_is_rejected_with_exact_message(string name)
    {
        var corpus = WireCorpus.InvalidByName(name);

        var result = CstaFrameReader.Read(corpus.Bytes);

        Assert.Equal(CstaFrameReadStatus.Rejected, result.Status);
        Assert.Equal(0, result.BytesConsumed);
        Assert.Equal(corpus.Reason, result.Rejection!.Reason);
        Assert.Equal(corpus.Message, result.Rejection.Message);
    }

    [Fact]
    public void Merged_frames_read_one_after_another()
    {
        var frames = WireCorpus.Valid.Select(frame => frame.Bytes).ToArray();
        var merged = frames.SelectMany(bytes => bytes).ToArray();

        var offset = 0;
        var decoded = new List<int>();
        while (offset < merged.Length)
        {
            var result = CstaFrameReader.Read(merged.AsSpan(offset));
            Assert.Equal(CstaFrameReadStatus.Frame, result.Status);
            decoded.Add(result.Frame!.InvokeId);
            offset += result.BytesConsumed;
        }

        Assert.Equal(WireCorpus.Valid.Select(frame => frame.InvokeId), decoded);
    }

    [Fact]
    public void Header_only_frame_has_empty_body()
    {
        byte[] bytes = [0x00, 0x00, 0x00, 0x08, (byte)'0', (byte)'0', (byte)'4', (byte)'2'];

        var result = CstaFrameReader.Read(bytes);

        Assert.Equal(CstaFrameReadStatus.Frame, result.Status);
        Assert.Equal(42, result.Frame!.InvokeId);
        Assert.True(result.Frame.Body.IsEmpty);
    }

    [Fact]
    public void Writer_rejects_frame_over_65535_bytes()
    {
        var body = new byte[65535 - 8 + 1];

        var exception = Assert.Throws<CstaEncodeException>(() => CstaFrameWriter.Write(7, body));

        Assert.Equal(
            "A CSTA frame with invoke id 0007 would be 65536 bytes (65528-byte body); the 16-bit length field allows at most 65535. Send less data per message.",
            exception.Message);
    }

    [Fact]
    public void Writer_accepts_frame_of_exactly_65535_bytes()
    {
        var body = new byte[65535 - 8];

        var frame = CstaFrameWriter.Write(9999, body);

        Assert.Equal(65535, frame.Length);
        Assert.Equal(0xFF, frame[2]);
        Assert.Equal(0xFF, frame[3]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10000)]
    public void Writer_rejects_invoke_id_out_of_range(int invokeId)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CstaFrameWriter.Write(invokeId, []));
    }
}
