using System.Text;
using PbxLab.Csta.Xml;
using Snapshooter;
using Snapshooter.Xunit;

namespace PbxLab.Csta.Tests;

public sealed class SnapshotXmlTests
{
    [Theory]
    [InlineData("SystemStatus")]
    [InlineData("SystemRegister")]
    [InlineData("MonitorStart")]
    [InlineData("MonitorStartResponse")]
    [InlineData("SnapshotDeviceResponse")]
    [InlineData("MakeCall")]
    [InlineData("CstaErrorCode")]
    [InlineData("DeliveredEvent")]
    [InlineData("EstablishedEvent")]
    [InlineData("ConnectionClearedEvent")]
    [InlineData("DoNotDisturbEvent")]
    [InlineData("UserPresenceEvent")]
    [InlineData("TransferedEvent")]
    public void Emitted_xml_matches_snapshot(string name)
    {
        var codec = new CstaXmlCodec(CstaEdition.Ed5);

        var xml = Encoding.UTF8.GetString(codec.Encode(SampleMessages.ByName(name)));

        Snapshot.Match(xml, new SnapshotNameExtension(name));
    }
}
