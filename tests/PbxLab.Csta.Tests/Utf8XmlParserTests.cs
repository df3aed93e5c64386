using System.Text;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

public sealed class Utf8XmlParserTests
{
    private const string Ed5 = "http://www.ecma-international.org/standards/ecma-323/csta/ed5";

    private static readonly CstaXmlCodec Codec = new(CstaEdition.Ed5);

    /// <summary>Bodies both parsers reject for the same reason; the XmlReader wording is matched where marked.</summary>
    public static TheoryData<string, byte[], CstaRejectReason, bool> Rejected() => new()
    {
        { "DOCTYPE with internal subset", Utf8("<!DOCTYPE r [<!ENTITY a \"x\">]><SnapshotDevice><snapshotObject>&a;</snapshotObject></SnapshotDevice>"), CstaRejectReason.DtdProhibited, true },
        { "DOCTYPE with SYSTEM id", Utf8("<?xml version=\"1.0\"?><!DOCTYPE SnapshotDevice SYSTEM \"file:///etc/passwd\"><SnapshotDevice/>"), CstaRejectReason.DtdProhibited, true },
        { "DOCTYPE inside root", Utf8("<SnapshotDevice><!DOCTYPE x><snapshotObject>1</snapshotObject></SnapshotDevice>"), CstaRejectReason.DtdProhibited, true },
        { "DOCTYPE after root", Utf8("<SnapshotDevice><snapshotObject>1</snapshotObject></SnapshotDevice><!DOCTYPE x>"), CstaRejectReason.DtdProhibited, true },
        { "undeclared entity in text", Utf8("<SnapshotDevice><snapshotObject>&nbsp;200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "undeclared entity in attribute", Utf8("<SnapshotDevice a=\"&ext;\"><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "bare ampersand", Utf8("<SnapshotDevice><snapshotObject>A & B</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "reference to NUL", Utf8("<SnapshotDevice><snapshotObject>&#0;</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "reference to a surrogate", Utf8("<SnapshotDevice><snapshotObject>&#xD800;</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "reference above U+10FFFF", Utf8("<SnapshotDevice><snapshotObject>&#x110000;</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "upper-case X in reference", Utf8("<SnapshotDevice><snapshotObject>&#X32;</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "reference without semicolon", Utf8("<SnapshotDevice><snapshotObject>&#50 0</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "entity name without semicolon", Utf8("<SnapshotDevice><snapshotObject>&amp 200;</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "huge reference", Utf8("<SnapshotDevice><snapshotObject>&#99999999999999999999;</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "reference without digits", Utf8("<SnapshotDevice><snapshotObject>&#x;</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "mismatched end tag", Utf8("<SnapshotDevice><snapshotObject>200</snapshotDevice></SnapshotDevice>"), CstaRejectReason.MalformedXml, true },
        { "overlapping elements", Utf8("<MakeCall><callingDevice><x></callingDevice></x></MakeCall>"), CstaRejectReason.MalformedXml, true },
        { "unclosed prefixed element", Utf8($"<csta:MonitorStop xmlns:csta=\"{Ed5}\">\n  <csta:monitorCrossRefID>1</csta:monitorCrossRefID>"), CstaRejectReason.MalformedXml, true },
        { "empty body", [], CstaRejectReason.MalformedXml, true },
        { "white space only", Utf8(" \r\n\t"), CstaRejectReason.MalformedXml, true },
        { "declaration only", Utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), CstaRejectReason.MalformedXml, true },
        { "lone continuation byte", [.. Utf8("<SnapshotDevice><snapshotObject>"), 0x80, .. Utf8("</snapshotObject></SnapshotDevice>")], CstaRejectReason.MalformedXml, false },
        { "overlong encoding", [.. Utf8("<SnapshotDevice><snapshotObject>"), 0xC0, 0xAF, .. Utf8("</snapshotObject></SnapshotDevice>")], CstaRejectReason.MalformedXml, false },
        { "truncated sequence", [.. Utf8("<SnapshotDevice><snapshotObject>"), 0xE4, 0xB8, .. Utf8("</snapshotObject></SnapshotDevice>")], CstaRejectReason.MalformedXml, false },
        { "encoded surrogate", [.. Utf8("<SnapshotDevice><snapshotObject>"), 0xED, 0xA0, 0x80, .. Utf8("</snapshotObject></SnapshotDevice>")], CstaRejectReason.MalformedXml, false },
        { "byte F5", [.. Utf8("<SnapshotDevice><snapshotObject>"), 0xF5, 0x80, 0x80, 0x80, .. Utf8("</snapshotObject></SnapshotDevice>")], CstaRejectReason.MalformedXml, false },
        { "control character", Utf8("<SnapshotDevice><snapshotObject>2\u00010</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "U+FFFE", Utf8("<SnapshotDevice><snapshotObject>2\uFFFE</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "undeclared element prefix", Utf8("<csta:SnapshotDevice><snapshotObject>200</snapshotObject></csta:SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "undeclared attribute prefix", Utf8("<SnapshotDevice xsi:type=\"x\"><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "prefix bound to empty namespace", Utf8("<SnapshotDevice xmlns:p=\"\"><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "duplicate attribute", Utf8("<SnapshotDevice a=\"1\" a=\"2\"><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "less-than in attribute", Utf8("<SnapshotDevice a=\"<\"><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "multiple roots", Utf8("<SnapshotDevice><snapshotObject>200</snapshotObject></SnapshotDevice><SnapshotDevice/>"), CstaRejectReason.MalformedXml, false },
        { "text at root level", Utf8("200<SnapshotDevice><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "double hyphen in comment", Utf8("<SnapshotDevice><!-- a -- b --><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "CDATA end in text", Utf8("<SnapshotDevice><snapshotObject>20]]>0</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "CDATA outside root", Utf8("<![CDATA[x]]><SnapshotDevice><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "declaration not first", Utf8(" <?xml version=\"1.0\"?><SnapshotDevice><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "bad version", Utf8("<?xml version=\"2.0\"?><SnapshotDevice><snapshotObject>200</snapshotObject></SnapshotDevice>"), CstaRejectReason.MalformedXml, false },
        { "65 levels", Utf8(Nested(Utf8XmlParser.MaxDepth + 1)), CstaRejectReason.MalformedXml, true },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejection_matches_reference(string name, byte[] body, CstaRejectReason reason, bool sameWording)
    {
        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(body));

        Assert.Equal(reason, exception.Reason);
        Assert.False(string.IsNullOrEmpty(name));
        ParserEquivalencePropertyTests.AssertSameOutcome(body, malformedMessagesMayDiffer: !sameWording);
    }

    [Fact]
    public void External_entity_file_is_never_read()
    {
        var body = Utf8("<!DOCTYPE SnapshotDevice [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]><SnapshotDevice><snapshotObject>&xxe;</snapshotObject></SnapshotDevice>");

        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(body));

        Assert.Equal(CstaRejectReason.DtdProhibited, exception.Reason);
        Assert.Equal("The XML body contains a document type declaration (<!DOCTYPE); CSTA bodies must not carry DTDs or entities.", exception.Message);
    }

    [Fact]
    public void Undeclared_entity_is_named()
    {
        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(Utf8("<SnapshotDevice><snapshotObject>&nbsp;200</snapshotObject></SnapshotDevice>")));

        Assert.Equal("The XML body is not well-formed: Reference to undeclared entity 'nbsp'. Line 1, position 34.", exception.Message);
    }

    [Fact]
    public void Mismatched_end_tag_is_worded_as_XmlReader()
    {
        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(Utf8("<SnapshotDevice>\n<snapshotObject>200</snapshotDevice></SnapshotDevice>")));

        Assert.Equal(
            "The XML body is not well-formed: The 'snapshotObject' start tag on line 2 position 2 does not match the end tag of 'snapshotDevice'. Line 2, position 22.",
            exception.Message);
    }

    [Fact]
    public void Nesting_at_maximum_depth_decodes()
    {
        var message = Codec.Decode(Utf8(Nested(Utf8XmlParser.MaxDepth)));

        Assert.Equal(new SnapshotDevice("200"), message);
    }

    [Fact]
    public void Very_deep_nesting_is_rejected_without_overflow()
    {
        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(Utf8(Nested(100_000))));

        Assert.Equal(CstaRejectReason.MalformedXml, exception.Reason);
        Assert.Equal($"The XML body nests elements more than {Utf8XmlParser.MaxDepth} deep; CSTA messages need far fewer levels.", exception.Message);
    }

    [Fact]
    public void Encoding_other_than_utf8_is_rejected()
    {
        var body = Utf8("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><SnapshotDevice><snapshotObject>200</snapshotObject></SnapshotDevice>");

        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(body));

        Assert.Equal(
            "The XML body is not well-formed: The XML declaration names encoding 'ISO-8859-1'; a CSTA body must be UTF-8, so declare UTF-8 or leave the encoding out. Line 1, position 31.",
            exception.Message);
    }

    [Fact]
    public void Non_ascii_in_declaration_is_rejected()
    {
        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(Utf8("<?xml version=\"1.0é\"?><SnapshotDevice><snapshotObject>200</snapshotObject></SnapshotDevice>")));

        Assert.Equal(CstaRejectReason.MalformedXml, exception.Reason);
    }

    [Fact]
    public void Byte_order_mark_and_declaration_are_accepted()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Utf8("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?><SnapshotDevice><snapshotObject>200</snapshotObject></SnapshotDevice>")];

        Assert.Equal(new SnapshotDevice("200"), Codec.Decode(body));
        ParserEquivalencePropertyTests.AssertSameOutcome(body);
    }

    [Fact]
    public void References_cdata_and_comments_resolve()
    {
        var body = Utf8(
            "<?xml version=\"1.0\"?><!-- before --><?trace 1?>" +
            "<MakeCall xmlns='" + Ed5 + "'><callingDevice>&#x32;&#48;<!-- inside -->1&lt;&amp;&gt;&apos;&quot;&#x1F600;</callingDevice>" +
            "<calledDirectoryNumber><![CDATA[<3&3>]]></calledDirectoryNumber></MakeCall><!-- after -->");

        Assert.Equal(new MakeCall("201<&>'\"😀", "<3&3>"), Codec.Decode(body));
        ParserEquivalencePropertyTests.AssertSameOutcome(body);
    }

    [Fact]
    public void Reference_with_leading_zeros_resolves()
    {
        var body = Utf8("<SnapshotDevice><snapshotObject>&#00000000050;&#x000030;0</snapshotObject></SnapshotDevice>");

        Assert.Equal(new SnapshotDevice("200"), Codec.Decode(body));
        ParserEquivalencePropertyTests.AssertSameOutcome(body);
    }

    [Fact]
    public void Line_ends_are_normalised()
    {
        var body = Utf8("<MakeCall><callingDevice>a\r\nb\rc</callingDevice><calledDirectoryNumber><![CDATA[d\r\ne]]></calledDirectoryNumber></MakeCall>");

        Assert.Equal(new MakeCall("a\nb\nc", "d\ne"), Codec.Decode(body));
        ParserEquivalencePropertyTests.AssertSameOutcome(body);
    }

    [Fact]
    public void Attribute_value_is_normalised_and_trimmed()
    {
        var body = Utf8(
            "<PrivateEvent xmlns=\"" + Ed5 + "\"><monitorCrossRefID>1</monitorCrossRefID><extensions><privateData><private>" +
            "<UserPresence xmlns=\"urn:pbxlab:mivo400:user-presence\"><device>200</device><presence profile='\t&#x31;\r\n'>absent</presence></UserPresence>" +
            "</private></privateData></extensions></PrivateEvent>");

        Assert.Equal(new UserPresenceEvent("1", "200", Mivo400UserPresence.Absent), Codec.Decode(body));
        ParserEquivalencePropertyTests.AssertSameOutcome(body);
    }

    [Fact]
    public void Delivered_event_decode_allocates_under_2_KB()
    {
        var codec = new CstaXmlCodec(CstaEdition.Ed5);
        var body = codec.Encode(new DeliveredEvent(
            "18", new ConnectionId("000000000032214180010035", "333"), ExtendedDeviceId.Known("333"), ExtendedDeviceId.Known("0123456789"),
            ExtendedDeviceId.Known("333"), LocalConnectionState.Alerting, EventCause.NewCall));
        for (var i = 0; i < 100; i++)
        {
            codec.Decode(body);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            codec.Decode(body);
        }

        var perDecode = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;

        Assert.InRange(perDecode, 1, 2048);
    }

    [Fact]
    public void Reference_parser_is_selectable()
    {
        var codec = new CstaXmlCodec(CstaEdition.Ed4, CstaXmlParser.XmlReader);

        Assert.Equal(CstaXmlParser.XmlReader, codec.Parser);
        Assert.Equal(CstaXmlParser.Utf8, Codec.Parser);
        Assert.Equal(new MakeCall("200", "333"), codec.Decode(Utf8(WireCorpus.MxOneMakeCall)));
    }

    private static byte[] Utf8(string xml) => Encoding.UTF8.GetBytes(xml);

    // A SnapshotDevice whose deepest element, a chain of extension elements beside
    // snapshotObject, is at `depth` (the root is at depth 1).
    private static string Nested(int depth) =>
        "<SnapshotDevice><snapshotObject>200</snapshotObject>" + string.Concat(Enumerable.Repeat("<w>", depth - 1))
        + string.Concat(Enumerable.Repeat("</w>", depth - 1)) + "</SnapshotDevice>";
}
