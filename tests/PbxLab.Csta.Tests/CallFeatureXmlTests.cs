using System.Text;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

public sealed class CallFeatureXmlTests
{
    private static readonly CstaXmlCodec Codec = new(CstaEdition.Ed5);

    [Fact]
    public void Delivered_writes_last_redirection_device()
    {
        var delivered = new DeliveredEvent(
            "17", new ConnectionId("00000008", "202"), ExtendedDeviceId.Known("202"), ExtendedDeviceId.Known("201"),
            ExtendedDeviceId.Known("200"), LocalConnectionState.Alerting, EventCause.CallForwardNoAnswer)
        {
            LastRedirectionDevice = "200",
        };

        var xml = Encoding.UTF8.GetString(Codec.Encode(delivered));

        Assert.Contains(
            "<calledDevice><deviceIdentifier>200</deviceIdentifier></calledDevice>" +
            "<lastRedirectionDevice><numberDialed>200</numberDialed></lastRedirectionDevice>" +
            "<localConnectionInfo>alerting</localConnectionInfo><cause>callForwardNoAnswer</cause>",
            xml,
            StringComparison.Ordinal);
        Assert.Equal(delivered, Codec.Decode(Encoding.UTF8.GetBytes(xml)));
    }

    [Fact]
    public void Delivered_without_redirection_omits_element()
    {
        var delivered = new DeliveredEvent(
            "17", new ConnectionId("1", "202"), ExtendedDeviceId.Known("202"), null, null, LocalConnectionState.Alerting, null);

        var xml = Encoding.UTF8.GetString(Codec.Encode(delivered));

        Assert.DoesNotContain("lastRedirectionDevice", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Forwarding_event_in_schema_order()
    {
        var xml = Encoding.UTF8.GetString(Codec.Encode(new ForwardingEvent("17", "200", ForwardingType.ForwardNoAns, true, "201", RingDuration: 15)));

        Assert.Contains(
            "<monitorCrossRefID>17</monitorCrossRefID><device>200</device><forwardingType>forwardNoAns</forwardingType>" +
            "<forwardStatus>true</forwardStatus><forwardTo>201</forwardTo><ringDuration>15</ringDuration>",
            xml,
            StringComparison.Ordinal);
    }

    [Fact]
    public void SetForwarding_rejects_bad_ring_duration()
    {
        var body = "<SetForwarding xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"><device>200</device>" +
            "<forwardingType>forwardNoAns</forwardingType><activateForward>true</activateForward><ringDuration>soon</ringDuration></SetForwarding>";

        var exception = Assert.Throws<CstaDecodeException>(() => Codec.Decode(Encoding.UTF8.GetBytes(body)));

        Assert.Equal("SetForwarding has ringDuration 'soon', which is not a non-negative integer.", exception.Message);
    }

    [Fact]
    public void Empty_ConferenceCall_decodes_without_connections()
    {
        var body = "<ConferenceCall xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"/>";

        var decoded = Codec.Decode(Encoding.UTF8.GetBytes(body));

        Assert.Equal(new ConferenceCall(new ConnectionId(null, null), new ConnectionId(null, null)), decoded);
    }
}
