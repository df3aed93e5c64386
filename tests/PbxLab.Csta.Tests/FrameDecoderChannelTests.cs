using DotNetty.Buffers;
using DotNetty.Transport.Channels.Embedded;
using PbxLab.Csta.Channels;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

public sealed class FrameDecoderChannelTests
{
    private static EmbeddedChannel CreateChannel(CstaEdition edition = CstaEdition.Ed5)
    {
        var codec = new CstaXmlCodec(edition);
        return new EmbeddedChannel(new CstaFrameDecoder(codec), new CstaFrameEncoder(codec));
    }

    private static List<object> ReadAllInbound(EmbeddedChannel channel)
    {
        var messages = new List<object>();
        while (channel.ReadInbound<object>() is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    [Fact]
    public void Corpus_fed_one_byte_at_a_time_decodes_every_frame()
    {
        var channel = CreateChannel();
        var bytes = WireCorpus.Valid.SelectMany(frame => frame.Bytes).ToArray();

        foreach (var value in bytes)
        {
            channel.WriteInbound(Unpooled.WrappedBuffer([value]));
        }

        var envelopes = ReadAllInbound(channel).Cast<CstaEnvelope>().ToList();
        Assert.Equal(WireCorpus.Valid.Select(frame => frame.InvokeId), envelopes.Select(envelope => envelope.InvokeId));
        Assert.Equal(WireCorpus.Valid.Select(frame => frame.Expected), envelopes.Select(envelope => envelope.Message));
        Assert.True(channel.Active);
    }

    [Fact]
    public void Corpus_merged_in_one_read_decodes_every_frame()
    {
        var channel = CreateChannel();
        var bytes = WireCorpus.Valid.SelectMany(frame => frame.Bytes).ToArray();

        channel.WriteInbound(Unpooled.WrappedBuffer(bytes));

        var envelopes = ReadAllInbound(channel).Cast<CstaEnvelope>().ToList();
        Assert.Equal(WireCorpus.Valid.Select(frame => frame.Expected), envelopes.Select(envelope => envelope.Message));
    }

    [Fact]
    public void Frames_split_at_odd_points_decode()
    {
        var channel = CreateChannel();
        var bytes = WireCorpus.Valid.SelectMany(frame => frame.Bytes).ToArray();

        var offset = 0;
        var size = 1;
        while (offset < bytes.Length)
        {
            var count = Math.Min(size, bytes.Length - offset);
            channel.WriteInbound(Unpooled.WrappedBuffer(bytes, offset, count));
            offset += count;
            size = (size * 7 % 97) + 1;
        }

        Assert.Equal(WireCorpus.Valid.Count, ReadAllInbound(channel).Count);
    }

    [Theory]
    [MemberData(nameof(WireCorpus.InvalidNames), MemberType = typeof(WireCorpus))]
    public void Invalid_frame_closes_the_channel(string name)
    {
        var channel = CreateChannel();
        var valid = WireCorpus.Valid[0].Bytes;
        var invalid = WireCorpus.InvalidByName(name).Bytes;

        channel.WriteInbound(Unpooled.WrappedBuffer([.. valid, .. invalid, .. valid]));

        var messages = ReadAllInbound(channel);
        Assert.Single(messages);
        Assert.IsType<CstaEnvelope>(messages[0]);
        Assert.False(channel.Open);
    }

    [Theory]
    [MemberData(nameof(WireCorpus.InvalidBodyNames), MemberType = typeof(WireCorpus))]
    public void Undecodable_body_passes_on_as_undecodable_frame(string name)
    {
        var corpus = WireCorpus.InvalidBodyByName(name);
        var channel = CreateChannel();

        channel.WriteInbound(Unpooled.WrappedBuffer(CstaFrameWriter.Write(42, System.Text.Encoding.UTF8.GetBytes(corpus.Xml))));

        var frame = Assert.IsType<CstaUndecodableFrame>(Assert.Single(ReadAllInbound(channel)));
        Assert.Equal(42, frame.InvokeId);
        Assert.Equal(corpus.Reason, frame.Reason);
        Assert.Equal(corpus.Message, frame.Detail);
        Assert.Equal(corpus.RootElementName, frame.RootElementName);
        Assert.True(channel.Open);
    }

    [Fact]
    public void Undecodable_request_is_answerable_but_event_is_not()
    {
        var request = new CstaUndecodableFrame(42, CstaRejectReason.UnknownMessage, "x", "ConferenceCall");
        var eventFrame = new CstaUndecodableFrame(CstaEnvelope.EventInvokeId, CstaRejectReason.UnknownMessage, "x", "ConferenceCall");
        var response = new CstaUndecodableFrame(42, CstaRejectReason.InvalidValue, "x", "MonitorStartResponse");
        var unnamed = new CstaUndecodableFrame(42, CstaRejectReason.MalformedXml, "x", null);

        Assert.True(request.IsAnswerable);
        Assert.False(eventFrame.IsAnswerable);
        Assert.False(response.IsAnswerable);
        Assert.False(unnamed.IsAnswerable);
        Assert.Equal(new CstaErrorCode("operation", "serviceNotSupported"), request.ToErrorCode());
    }

    [Fact]
    public void Encoder_writes_frame_in_configured_edition()
    {
        var channel = CreateChannel(CstaEdition.Ed4);

        channel.WriteOutbound(new CstaEnvelope(17, new MonitorStartResponse("55")));

        var buffer = channel.ReadOutbound<IByteBuffer>();
        var bytes = new byte[buffer.ReadableBytes];
        buffer.ReadBytes(bytes);
        buffer.Release();
        var result = CstaFrameReader.Read(bytes);
        Assert.Equal(CstaFrameReadStatus.Frame, result.Status);
        Assert.Equal(17, result.Frame!.InvokeId);
        Assert.Contains("/csta/ed4\"", System.Text.Encoding.UTF8.GetString(result.Frame.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Encoder_then_decoder_round_trips_every_message()
    {
        var channel = CreateChannel();
        var invokeId = 1;
        foreach (var message in SampleMessages.All)
        {
            channel.WriteOutbound(new CstaEnvelope(invokeId++, message));
        }

        while (channel.ReadOutbound<IByteBuffer>() is { } buffer)
        {
            channel.WriteInbound(buffer);
        }

        var envelopes = ReadAllInbound(channel).Cast<CstaEnvelope>().ToList();
        Assert.Equal(SampleMessages.All, envelopes.Select(envelope => envelope.Message));
        Assert.Equal(Enumerable.Range(1, SampleMessages.All.Count), envelopes.Select(envelope => envelope.InvokeId));
    }

    [Fact]
    public void Rejected_frame_is_logged_with_reason()
    {
        var logger = new CapturingLogger();
        var channel = new EmbeddedChannel(new CstaFrameDecoder(new CstaXmlCodec(CstaEdition.Ed5), logger));

        channel.WriteInbound(Unpooled.WrappedBuffer(WireCorpus.InvalidByName("Letter in invoke id").Bytes));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(1001, entry.EventId.Id);
        Assert.Equal(
            "Closing the CSTA connection to embedded: frame rejected (InvalidInvokeId). Frame invoke id is \"00a1\"; expected four ASCII digits 0000 to 9999.",
            entry.Message);
    }

    [Fact]
    public void Undecodable_body_is_logged_with_invoke_id()
    {
        var logger = new CapturingLogger();
        var channel = new EmbeddedChannel(new CstaFrameDecoder(new CstaXmlCodec(CstaEdition.Ed5), logger));

        channel.WriteInbound(Unpooled.WrappedBuffer(CstaFrameWriter.Write(42, "<Nope/>"u8)));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(1002, entry.EventId.Id);
        Assert.Equal(
            "Cannot decode the CSTA body from embedded with invoke id 42 (UnknownMessage, root element Nope): 'Nope' is not a CSTA message this library decodes.",
            entry.Message);
    }

    [Fact]
    public void Encoder_rejects_oversized_message()
    {
        var channel = CreateChannel();

        var exception = Assert.ThrowsAny<Exception>(() => channel.WriteOutbound(new CstaEnvelope(3, new MakeCall("200", new string('1', 70_000)))));

        Assert.Contains("the 16-bit length field allows at most 65535", exception.ToString(), StringComparison.Ordinal);
        Assert.Null(channel.ReadOutbound<IByteBuffer>());
    }
}
