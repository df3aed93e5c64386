using System.Text;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

public sealed class XmlRejectionTests
{
    private static readonly CstaXmlCodec Codec = new(CstaEdition.Ed5);

    [Theory]
    [MemberData(nameof(WireCorpus.InvalidBodyNames), MemberType = typeof(WireCorpus))]
    public void Invalid_body_is_rejected_with_exact_message(string name)
    {
        var corpus = WireCorpus.InvalidBodyByName(name);

        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(Encoding.UTF8.GetBytes(corpus.Xml)));

        Assert.Equal(corpus.Reason, exception.Reason);
        Assert.Equal(corpus.Message, exception.Message);
    }

    [Theory]
    [MemberData(nameof(WireCorpus.InvalidBodyNames), MemberType = typeof(WireCorpus))]
    public void Root_name_of_invalid_body_is_found(string name)
    {
        var corpus = WireCorpus.InvalidBodyByName(name);

        var rootName = CstaXmlCodec.TryReadRootElementName(Encoding.UTF8.GetBytes(corpus.Xml));

        Assert.Equal(corpus.RootElementName, rootName);
    }

    [Fact]
    public void External_entity_is_never_expanded()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET-CONTENT");
        try
        {
            var xml = $"<?xml version=\"1.0\"?><!DOCTYPE MakeCall [<!ENTITY xxe SYSTEM \"file://{secret}\">]><MakeCall xmlns=\"{CstaNamespaces.Prefix}5\"><callingDevice>&xxe;</callingDevice><calledDirectoryNumber>1</calledDirectoryNumber></MakeCall>";

            var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(Encoding.UTF8.GetBytes(xml)));

            Assert.Equal(CstaRejectReason.DtdProhibited, exception.Reason);
            Assert.DoesNotContain("SECRET-CONTENT", exception.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Internal_entity_expansion_is_rejected()
    {
        const string xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><SnapshotDevice><snapshotObject>&b;</snapshotObject></SnapshotDevice>";

        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal(CstaRejectReason.DtdProhibited, exception.Reason);
    }

    [Fact]
    public void Invalid_utf8_is_malformed_xml()
    {
        byte[] body = [.. "<MakeCall><callingDevice>"u8, 0xFF, 0xFE, .. "</callingDevice></MakeCall>"u8];

        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(body));

        Assert.Equal(CstaRejectReason.MalformedXml, exception.Reason);
    }
}
