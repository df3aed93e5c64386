using System.Text;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

public sealed class XmlRoundTripTests
{
    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Every_message_round_trips_in_every_edition(string name)
    {
        var message = SampleMessages.ByName(name);
        foreach (var edition in Enum.GetValues<CstaEdition>())
        {
            var codec = new CstaXmlCodec(edition);

            var decoded = codec.Decode(codec.Encode(message));

            Assert.Equal(message, decoded);
        }
    }

    [Theory]
    [MemberData(nameof(SampleMessages.Names), MemberType = typeof(SampleMessages))]
    public void Encoded_root_uses_edition_namespace_as_default(string name)
    {
        var codec = new CstaXmlCodec(CstaEdition.Ed5);

        var xml = Encoding.UTF8.GetString(codec.Encode(SampleMessages.ByName(name)));

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><", xml, StringComparison.Ordinal);
        Assert.Contains($" xmlns=\"{CstaNamespaces.Prefix}5\"", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("xmlns:", xml, StringComparison.Ordinal);
    }
}
