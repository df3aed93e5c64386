using System.Text;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

public sealed class XmlToleranceTests
{
    private static readonly CstaXmlCodec Codec = new(CstaEdition.Ed5);

    private static CstaMessage Decode(string xml) => Codec.Decode(Encoding.UTF8.GetBytes(xml));

    [Theory]
    [InlineData("http://www.ecma-international.org/standards/ecma-323/csta/ed3")]
    [InlineData("http://www.ecma-international.org/standards/ecma-323/csta/ed4")]
    [InlineData("http://www.ecma-international.org/standards/ecma-323/csta/ed5")]
    [InlineData("http://www.ecma-international.org/standards/ecma-323/csta/ed6")]
    [InlineData("")]
    public void Input_in_any_accepted_namespace_decodes(string namespaceUri)
    {
        var xml = $"<MonitorStart xmlns=\"{namespaceUri}\"><monitorObject><deviceObject>200</deviceObject></monitorObject><monitorType>device</monitorType></MonitorStart>";

        var message = Decode(xml);

        Assert.Equal(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device), message);
    }

    [Fact]
    public void Prefixed_elements_decode()
    {
        const string xml = "<csta:SetDoNotDisturb xmlns:csta=\"http://www.ecma-international.org/standards/ecma-323/csta/ed6\"><csta:device>201</csta:device><csta:doNotDisturbOn>true</csta:doNotDisturbOn></csta:SetDoNotDisturb>";

        Assert.Equal(new SetDoNotDisturb("201", true), Decode(xml));
    }

    [Fact]
    public void Prefixed_root_with_unqualified_children_decodes()
    {
        const string xml = "<csta:GetDoNotDisturb xmlns:csta=\"http://www.ecma-international.org/standards/ecma-323/csta/ed4\"><device>201</device></csta:GetDoNotDisturb>";

        Assert.Equal(new GetDoNotDisturb("201"), Decode(xml));
    }

    [Fact]
    public void Schema_location_attributes_are_ignored()
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><MonitorStart xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed4\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.ecma-international.org/standards/ecma-323/csta/ed4 monitor-start.xsd\"><monitorObject><deviceObject>200</deviceObject></monitorObject></MonitorStart>";

        Assert.Equal(new MonitorStart(MonitorObject.Device("200"), null), Decode(xml));
    }

    [Fact]
    public void Unknown_and_extension_elements_are_skipped()
    {
        const string xml = "<MonitorStart xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"><monitorObject><deviceObject>200</deviceObject></monitorObject><requestedMonitorFilter><callcontrol><delivered>true</delivered></callcontrol></requestedMonitorFilter><monitorType>device</monitorType><requestedMonitorMediaClass><voice>true</voice></requestedMonitorMediaClass><extensions><privateData><private><x:vendor xmlns:x=\"urn:vendor\">1</x:vendor></private></privateData></extensions></MonitorStart>";

        Assert.Equal(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device), Decode(xml));
    }

    [Fact]
    public void Indented_xml_with_comments_decodes()
    {
        const string xml = "<?xml version=\"1.0\"?>\n<!-- heartbeat -->\n<SystemStatus xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\">\n  <sysStatRegisterID> 27ss </sysStatRegisterID>\n  <systemStatus>normal</systemStatus>\n</SystemStatus>\n";

        Assert.Equal(new SystemStatus("27ss", SystemStatusValue.Normal), Decode(xml));
    }

    [Fact]
    public void Clear_connection_naming_only_device_decodes()
    {
        const string xml = "<ClearConnection xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"><connectionToBeCleared><deviceID>200</deviceID></connectionToBeCleared></ClearConnection>";

        Assert.Equal(new ClearConnection(new ConnectionId(null, "200")), Decode(xml));
    }

    [Fact]
    public void Event_without_optional_elements_decodes()
    {
        const string xml = "<ConnectionClearedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"><monitorCrossRefID>9</monitorCrossRefID><droppedConnection><callID>5</callID><deviceID>200</deviceID></droppedConnection></ConnectionClearedEvent>";

        Assert.Equal(new ConnectionClearedEvent("9", new ConnectionId("5", "200"), null, null, null), Decode(xml));
    }

    [Fact]
    public void Unlisted_cause_decodes_as_unspecified()
    {
        const string xml = "<HeldEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"><monitorCrossRefID>9</monitorCrossRefID><heldConnection><callID>5</callID><deviceID>200</deviceID></heldConnection><localConnectionInfo>hold</localConnectionInfo><cause>vendorSpecialHold</cause></HeldEvent>";

        var message = Assert.IsType<HeldEvent>(Decode(xml));

        Assert.Equal(EventCause.Unspecified, message.Cause);
    }

    [Fact]
    public void Bare_device_text_reads_as_device_identifier()
    {
        const string xml = "<EstablishedEvent xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"><monitorCrossRefID>9</monitorCrossRefID><establishedConnection><callID>5</callID><deviceID>201</deviceID></establishedConnection><answeringDevice>201</answeringDevice><callingDevice><notKnown/></callingDevice></EstablishedEvent>";

        var message = Assert.IsType<EstablishedEvent>(Decode(xml));

        Assert.Equal(ExtendedDeviceId.Known("201"), message.AnsweringDevice);
        Assert.Equal(ExtendedDeviceId.NotKnown, message.CallingDevice);
    }

    [Fact]
    public void Snapshot_response_carries_user_presence()
    {
        const string xml = "<SnapshotDeviceResponse xmlns=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"><crossRefIDorSnapshotData><snapshotData><snapshotDeviceResponseInfo><connectionIdentifier><callID>5</callID><deviceID>200</deviceID></connectionIdentifier><localCallState><simpleCallState>callEstablishedHeld</simpleCallState></localCallState></snapshotDeviceResponseInfo></snapshotData></crossRefIDorSnapshotData><extensions><privateData><private><UserPresence xmlns=\"urn:pbxlab:mivo400:user-presence\"><device>200</device><presence>busy</presence></UserPresence></private></privateData></extensions></SnapshotDeviceResponse>";

        var message = Assert.IsType<SnapshotDeviceResponse>(Decode(xml));

        var item = Assert.Single(message.SnapshotData);
        Assert.Equal(LocalConnectionState.Hold, item.LocalCallState.LocalConnectionState);
        Assert.Equal(new Mivo400UserPresenceData("200", Mivo400UserPresence.Busy), message.UserPresence);
    }

    [Fact]
    public void Private_event_decodes_as_user_presence_event()
    {
        const string xml = "<csta:PrivateEvent xmlns:csta=\"http://www.ecma-international.org/standards/ecma-323/csta/ed5\"><csta:monitorCrossRefID>12</csta:monitorCrossRefID><csta:extensions><csta:privateData><csta:private><p:UserPresence xmlns:p=\"urn:pbxlab:mivo400:user-presence\"><p:device>201</p:device><p:presence profile=\"1\">absent</p:presence></p:UserPresence></csta:private></csta:privateData></csta:extensions></csta:PrivateEvent>";

        Assert.Equal(new UserPresenceEvent("12", "201", Mivo400UserPresence.Absent), Decode(xml));
    }

    [Theory]
    [InlineData("200", "200")]
    [InlineData(" 200 ", "200")]
    [InlineData("N<123!98>", "123")]
    [InlineData("N<+3021061290002>;noa=nk", "+3021061290002")]
    [InlineData("N<7868772298>", "7868772298")]
    [InlineData("N<broken", "N<broken")]
    public void Directory_number_is_extracted(string deviceIdentifier, string expected)
    {
        Assert.Equal(expected, CstaDeviceId.ExtractDirectoryNumber(deviceIdentifier));
    }

    [Theory]
    [InlineData(SimpleCallState.CallNull, LocalConnectionState.Null)]
    [InlineData(SimpleCallState.CallPending, LocalConnectionState.Initiated)]
    [InlineData(SimpleCallState.CallOriginated, LocalConnectionState.Connected)]
    [InlineData(SimpleCallState.CallDelivered, LocalConnectionState.Connected)]
    [InlineData(SimpleCallState.CallReceived, LocalConnectionState.Alerting)]
    [InlineData(SimpleCallState.CallEstablishedHeld, LocalConnectionState.Hold)]
    [InlineData(SimpleCallState.CallQueued, LocalConnectionState.Connected)]
    [InlineData(SimpleCallState.CallBlocked, LocalConnectionState.Fail)]
    public void Simple_call_state_maps_to_local_state(SimpleCallState simple, LocalConnectionState expected)
    {
        Assert.Equal(expected, SnapshotCallState.Simple(simple).LocalConnectionState);
    }

    [Fact]
    public void Namespaces_map_both_ways()
    {
        foreach (var edition in Enum.GetValues<CstaEdition>())
        {
            var uri = CstaNamespaces.For(edition);

            Assert.True(CstaNamespaces.TryGetEdition(uri, out var found));
            Assert.Equal(edition, found);
        }

        Assert.False(CstaNamespaces.TryGetEdition("http://www.ecma.ch/standards/ecma-323/csta/ed2", out _));
    }
}
