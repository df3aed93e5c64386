using System.Text;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Tests;

/// <summary>
/// Shared wire corpus: valid frames (several from real switch traces), invalid frames with their
/// exact expected rejection, and framed bodies whose XML must be rejected with an exact message.
/// </summary>
internal static class WireCorpus
{
    private const string Ed4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";
    private const string Ed5 = "http://www.ecma-international.org/standards/ecma-323/csta/ed5";

    public sealed record ValidFrame(string Name, int InvokeId, string Xml, CstaMessage Expected)
    {
        public byte[] Bytes => CstaFrameWriter.Write(InvokeId, Encoding.UTF8.GetBytes(Xml));
    }

    public sealed record InvalidFrame(string Name, byte[] Bytes, CstaRejectReason Reason, string Message);

    public sealed record InvalidBody(string Name, string Xml, CstaRejectReason Reason, string Message, string? RootElementName);

    /// <summary>The MiVoice MX-ONE MakeCall exactly as logged (213 bytes, header length 221).</summary>
    public const string MxOneMakeCall =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><MakeCall xmlns=\"" + Ed4 + "\"><callingDevice>200</callingDevice><calledDirectoryNumber>333</calledDirectoryNumber></MakeCall>";

    public static IReadOnlyList<ValidFrame> Valid { get; } =
    [
        new("MX-ONE MakeCall", 1, MxOneMakeCall, new MakeCall("200", "333")),
        new(
            "MX-ONE MakeCallResponse",
            1,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MakeCallResponse xmlns=\"" + Ed4 + "\">\n   <callingDevice>\n      <callID>000000000032214180010035</callID>\n      <deviceID>200</deviceID>\n   </callingDevice>\n</MakeCallResponse>",
            new MakeCallResponse(new ConnectionId("000000000032214180010035", "200"))),
        new(
            "MiVoice Office 400 MonitorStart",
            1011,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csta:MonitorStart xmlns:csta=\"" + Ed5 + "\">\n  <csta:monitorObject xmlns=\"" + Ed5 + "\">\n    <deviceObject>N&lt;123!98&gt;</deviceObject>\n  </csta:monitorObject>\n  <csta:monitorType>device</csta:monitorType>\n</csta:MonitorStart>",
            new MonitorStart(MonitorObject.Device("N<123!98>"), MonitorType.Device)),
        new(
            "MiVoice Office 400 CSTAErrorCode",
            1011,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csta:CSTAErrorCode xmlns:csta=\"" + Ed5 + "\">\n  <csta:systemResourceAvailibility>overallMonitorLimitExceeded</csta:systemResourceAvailibility>\n</csta:CSTAErrorCode>",
            new CstaErrorCode("systemResourceAvailibility", "overallMonitorLimitExceeded")),
        new(
            "OpenScape Voice DeliveredEvent",
            9999,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeliveredEvent xmlns=\"" + Ed4 + "\"><monitorCrossRefID>1173673890</monitorCrossRefID><connection><callID>FF00010000000000EC6114647E570000</callID><deviceID>3021061290002</deviceID></connection><alertingDevice><deviceIdentifier>N&lt;3021061290002&gt;;noa=nk</deviceIdentifier></alertingDevice><callingDevice><deviceIdentifier>N&lt;7868772298&gt;</deviceIdentifier></callingDevice><calledDevice><deviceIdentifier>N&lt;3021061290002&gt;;noa=nk</deviceIdentifier></calledDevice><lastRedirectionDevice><notRequired/></lastRedirectionDevice><localConnectionInfo>alerting</localConnectionInfo><cause>enteringDistribution</cause><servicesPermitted><callControlServices><answerCall>true</answerCall></callControlServices></servicesPermitted><extensions><privateData><private><vendorThing>1</vendorThing></private></privateData></extensions></DeliveredEvent>",
            new DeliveredEvent(
                "1173673890",
                new ConnectionId("FF00010000000000EC6114647E570000", "3021061290002"),
                ExtendedDeviceId.Known("N<3021061290002>;noa=nk"),
                ExtendedDeviceId.Known("N<7868772298>"),
                ExtendedDeviceId.Known("N<3021061290002>;noa=nk"),
                LocalConnectionState.Alerting,
                EventCause.EnteringDistribution)),
        new(
            "OpenScape Voice MonitorStartResponse",
            2,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><MonitorStartResponse xmlns=\"" + Ed4 + "\"><monitorCrossRefID>1136370025</monitorCrossRefID></MonitorStartResponse>",
            new MonitorStartResponse("1136370025")),
        new(
            "OpenScape Voice MonitorStop",
            3,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><MonitorStop xmlns=\"" + Ed4 + "\"><monitorCrossRefID>1193240031</monitorCrossRefID></MonitorStop>",
            new MonitorStop("1193240031")),
        new(
            "OpenScape Voice SystemRegisterResponse",
            0,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SystemRegisterResponse xmlns=\"" + Ed4 + "\"><sysStatRegisterID>27ss</sysStatRegisterID></SystemRegisterResponse>",
            new SystemRegisterResponse("27ss")),
        new(
            "Empty SnapshotDeviceResponse",
            4,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SnapshotDeviceResponse xmlns=\"" + Ed4 + "\"><crossRefIDorSnapshotData><snapshotData/></crossRefIDorSnapshotData></SnapshotDeviceResponse>",
            new SnapshotDeviceResponse([], null)),
        new(
            "SystemStatus heartbeat",
            5,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SystemStatus xmlns=\"" + Ed4 + "\"><systemStatus>enabled</systemStatus></SystemStatus>",
            new SystemStatus(null, SystemStatusValue.Enabled)),
    ];

    public static IReadOnlyList<InvalidFrame> Invalid { get; } =
    [
        new(
            "Wrong format indicator",
            [0x01, 0x00, 0x00, 0x10, (byte)'0', (byte)'0', (byte)'0', (byte)'1', 0, 0, 0, 0, 0, 0, 0, 0],
            CstaRejectReason.InvalidFormatIndicator,
            "Frame starts with 0x0100; expected the format indicator 0x0000 (TCP without SOAP)."),
        new(
            "SOAP-looking text",
            Encoding.ASCII.GetBytes("<?xml version=\"1.0\"?>"),
            CstaRejectReason.InvalidFormatIndicator,
            "Frame starts with 0x3C3F; expected the format indicator 0x0000 (TCP without SOAP)."),
        new(
            "Length under header size",
            [0x00, 0x00, 0x00, 0x07, (byte)'0', (byte)'0', (byte)'0', (byte)'1'],
            CstaRejectReason.LengthTooShort,
            "Frame length is 7; it includes the 8-byte header, so it must be at least 8."),
        new(
            "Length zero",
            [0x00, 0x00, 0x00, 0x00, (byte)'9', (byte)'9', (byte)'9', (byte)'9'],
            CstaRejectReason.LengthTooShort,
            "Frame length is 0; it includes the 8-byte header, so it must be at least 8."),
        new(
            "Letter in invoke id",
            [0x00, 0x00, 0x00, 0x09, (byte)'0', (byte)'0', (byte)'a', (byte)'1', (byte)'<'],
            CstaRejectReason.InvalidInvokeId,
            "Frame invoke id is \"00a1\"; expected four ASCII digits 0000 to 9999."),
        new(
            "Binary invoke id",
            [0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x01, (byte)'<'],
            CstaRejectReason.InvalidInvokeId,
            "Frame invoke id is 0x00000001; expected four ASCII digits 0000 to 9999."),
    ];

    public static IReadOnlyList<InvalidBody> InvalidBodies { get; } =
    [
        new(
            "Empty body",
            "",
            CstaRejectReason.MalformedXml,
            "The XML body is not well-formed: Root element is missing.",
            null),
        new(
            "Unclosed root",
            "<?xml version=\"1.0\"?><MonitorStart xmlns=\"" + Ed5 + "\"><monitorObject>",
            CstaRejectReason.MalformedXml,
            "The XML body is not well-formed: Unexpected end of file has occurred. The following elements are not closed: monitorObject, MonitorStart. Line 1, position 121.",
            "MonitorStart"),
        new(
            "Document type declaration",
            "<?xml version=\"1.0\"?><!DOCTYPE MonitorStart [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><MonitorStart xmlns=\"" + Ed5 + "\"><monitorObject><deviceObject>&xxe;</deviceObject></monitorObject></MonitorStart>",
            CstaRejectReason.DtdProhibited,
            "The XML body contains a document type declaration (<!DOCTYPE); CSTA bodies must not carry DTDs or entities.",
            null),
        new(
            "Foreign namespace",
            "<MonitorStart xmlns=\"http://www.ecma-international.org/standards/ecma-269\"><monitorObject><deviceObject>200</deviceObject></monitorObject></MonitorStart>",
            CstaRejectReason.UnsupportedNamespace,
            "MonitorStart is in namespace 'http://www.ecma-international.org/standards/ecma-269'; expected http://www.ecma-international.org/standards/ecma-323/csta/ed3 to http://www.ecma-international.org/standards/ecma-323/csta/ed6 or no namespace.",
            "MonitorStart"),
        new(
            "Unknown request",
            "<DeflectCall xmlns=\"" + Ed5 + "\"><callToBeDiverted/></DeflectCall>",
            CstaRejectReason.UnknownMessage,
            "'DeflectCall' is not a CSTA message this library decodes.",
            "DeflectCall"),
        new(
            "MonitorStart without monitorObject",
            "<MonitorStart xmlns=\"" + Ed5 + "\"><monitorType>device</monitorType></MonitorStart>",
            CstaRejectReason.MissingElement,
            "MonitorStart has no monitorObject element under MonitorStart; the message needs it.",
            "MonitorStart"),
        new(
            "MonitorStart with empty monitorObject",
            "<MonitorStart xmlns=\"" + Ed5 + "\"><monitorObject/></MonitorStart>",
            CstaRejectReason.MissingElement,
            "MonitorStart has a monitorObject without deviceObject or callObject; name the device or call to monitor.",
            "MonitorStart"),
        new(
            "Empty monitorCrossRefID",
            "<MonitorStartResponse xmlns=\"" + Ed5 + "\"><monitorCrossRefID> </monitorCrossRefID></MonitorStartResponse>",
            CstaRejectReason.MissingElement,
            "MonitorStartResponse has an empty monitorCrossRefID element; it needs a value.",
            "MonitorStartResponse"),
        new(
            "Unknown monitorType",
            "<MonitorStart xmlns=\"" + Ed5 + "\"><monitorObject><deviceObject>200</deviceObject></monitorObject><monitorType>trunk</monitorType></MonitorStart>",
            CstaRejectReason.InvalidValue,
            "MonitorStart has monitorType 'trunk', which is not a MonitorType; expected one of call, device.",
            "MonitorStart"),
        new(
            "Unknown localConnectionInfo",
            "<HeldEvent xmlns=\"" + Ed5 + "\"><monitorCrossRefID>1</monitorCrossRefID><heldConnection><callID>7</callID><deviceID>200</deviceID></heldConnection><localConnectionInfo>parked</localConnectionInfo></HeldEvent>",
            CstaRejectReason.InvalidValue,
            "HeldEvent has localConnectionInfo 'parked', which is not a LocalConnectionState; expected one of alerting, connected, fail, hold, initiated, null, queued.",
            "HeldEvent"),
        new(
            "Non-boolean doNotDisturbOn",
            "<SetDoNotDisturb xmlns=\"" + Ed5 + "\"><device>200</device><doNotDisturbOn>yes</doNotDisturbOn></SetDoNotDisturb>",
            CstaRejectReason.InvalidValue,
            "SetDoNotDisturb has doNotDisturbOn 'yes', which is not an xs:boolean; expected true or false.",
            "SetDoNotDisturb"),
        new(
            "Unknown error category",
            "<CSTAErrorCode xmlns=\"" + Ed5 + "\"><oops>x</oops></CSTAErrorCode>",
            CstaRejectReason.InvalidValue,
            "CSTAErrorCode has category 'oops'; expected one of operation, stateIncompatibility, systemResourceAvailibility, subscribedResourceAvailability, performanceManagement, security, unspecified, privateErrorCode.",
            "CSTAErrorCode"),
        new(
            "PrivateEvent without UserPresence",
            "<PrivateEvent xmlns=\"" + Ed5 + "\"><monitorCrossRefID>1</monitorCrossRefID></PrivateEvent>",
            CstaRejectReason.UnknownMessage,
            "PrivateEvent carries no UserPresence element in urn:pbxlab:mivo400:user-presence, the only private event this library decodes.",
            "PrivateEvent"),
        new(
            "UserPresence profile mismatch",
            "<PrivateEvent xmlns=\"" + Ed5 + "\"><monitorCrossRefID>1</monitorCrossRefID><extensions><privateData><private><UserPresence xmlns=\"urn:pbxlab:mivo400:user-presence\"><device>200</device><presence profile=\"3\">absent</presence></UserPresence></private></privateData></extensions></PrivateEvent>",
            CstaRejectReason.InvalidValue,
            "UserPresence has presence 'absent' with profile '3'; the profile must be 1 or left out.",
            "PrivateEvent"),
        new(
            "Snapshot by events",
            "<SnapshotDeviceResponse xmlns=\"" + Ed5 + "\"><crossRefIDorSnapshotData><serviceCrossRefID>9</serviceCrossRefID></crossRefIDorSnapshotData></SnapshotDeviceResponse>",
            CstaRejectReason.InvalidValue,
            "SnapshotDeviceResponse carries a serviceCrossRefID (snapshot data by events), which this library does not support; send snapshotData.",
            "SnapshotDeviceResponse"),
    ];

    public static TheoryData<string> ValidNames() => ToTheory(Valid.Select(frame => frame.Name));

    public static TheoryData<string> InvalidNames() => ToTheory(Invalid.Select(frame => frame.Name));

    public static TheoryData<string> InvalidBodyNames() => ToTheory(InvalidBodies.Select(body => body.Name));

    public static ValidFrame ValidByName(string name) => Valid.Single(frame => frame.Name == name);

    public static InvalidFrame InvalidByName(string name) => Invalid.Single(frame => frame.Name == name);

    public static InvalidBody InvalidBodyByName(string name) => InvalidBodies.Single(body => body.Name == name);

    private static TheoryData<string> ToTheory(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }
}
