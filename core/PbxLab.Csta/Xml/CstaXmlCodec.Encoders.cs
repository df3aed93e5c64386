using System.Globalization;
using System.Xml.Linq;
using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Xml;

public sealed partial class CstaXmlCodec
{
    // Children are written in the xs:sequence order of the ECMA-323 schema; optional ones that
    // are null are left out.
    private XElement EncodeRoot(CstaMessage message)
    {
        var root = new XElement(_namespace + GetElementName(message));
        root.Add(message switch
        {
            SystemStatus m => [Text("sysStatRegisterID", m.SysStatRegisterId), Enum<SystemStatusValue>("systemStatus", m.Status)],
            SystemStatusResponse or MonitorStopResponse or AnswerCallResponse or ClearConnectionResponse or SetDoNotDisturbResponse => [],
            HoldCallResponse or RetrieveCallResponse or SetForwardingResponse => [],
            SystemRegister m => [Element("requestTypes", Boolean("systemStatus", m.SystemStatus), Boolean("requestSystemStatus", m.RequestSystemStatus))],
            SystemRegisterResponse m => [Text("sysStatRegisterID", m.SysStatRegisterId)],
            RequestSystemStatus m => [Text("sysStatRegisterID", m.SysStatRegisterId)],
            RequestSystemStatusResponse m => [Enum<SystemStatusValue>("systemStatus", m.Status)],

            MonitorStart m => [
                Element("monitorObject", Text("deviceObject", m.MonitorObject.DeviceObject), Connection("callObject", m.MonitorObject.CallObject)),
                Enum("monitorType", m.MonitorType)],
            MonitorStartResponse m => [Text("monitorCrossRefID", m.MonitorCrossRefId)],
            MonitorStop m => [Text("monitorCrossRefID", m.MonitorCrossRefId)],

            SnapshotDevice m => [Text("snapshotObject", m.SnapshotObject)],
            SnapshotDeviceResponse m => [
                Element("crossRefIDorSnapshotData", Element("snapshotData", m.SnapshotData.Select(SnapshotItem))),
                UserPresenceExtensions(m.UserPresence)],

            MakeCall m => [Text("callingDevice", m.CallingDevice), Text("calledDirectoryNumber", m.CalledDirectoryNumber)],
            MakeCallResponse m => [Connection("callingDevice", m.CallingDevice)],
            AnswerCall m => [Connection("callToBeAnswered", m.CallToBeAnswered)],
            ClearConnection m => [Connection("connectionToBeCleared", m.ConnectionToBeCleared)],

            SetDoNotDisturb m => [Text("device", m.Device), Boolean("doNotDisturbOn", m.DoNotDisturbOn)],
            GetDoNotDisturb m => [Text("device", m.Device)],
            GetDoNotDisturbResponse m => [Boolean("doNotDisturbOn", m.DoNotDisturbOn)],

            HoldCall m => [Connection("callToBeHeld", m.CallToBeHeld)],
            RetrieveCall m => [Connection("callToBeRetrieved", m.CallToBeRetrieved)],
            ConsultationCall m => [Connection("existingCall", m.ExistingCall), Text("consultedDevice", m.ConsultedDevice)],
            ConsultationCallResponse m => [Connection("initiatedCall", m.InitiatedCall)],
            TransferCall m => [Connection("heldCall", m.HeldCall), Connection("activeCall", m.ActiveCall)],
            TransferCallResponse m => [Connection("transferredCall", m.TransferredCall)],
            ConferenceCall m => [Connection("heldCall", m.HeldCall), Connection("activeCall", m.ActiveCall)],
            ConferenceCallResponse m => [Connection("conferenceCall", m.ConferenceCall)],
            SingleStepTransferCall m => [Connection("activeCall", m.ActiveCall), Text("transferredTo", m.TransferredTo)],
            SingleStepTransferCallResponse m => [Connection("transferredCall", m.TransferredCall)],

            SetForwarding m => [
                Text("device", m.Device), Enum<ForwardingType>("forwardingType", m.ForwardingType), Boolean("activateForward", m.ActivateForward),
                Text("forwardDN", m.ForwardDN), Number("ringCount", m.RingCount), Number("ringDuration", m.RingDuration)],
            GetForwarding m => [Text("device", m.Device)],
            GetForwardingResponse m => [
                Element("forwardingList", m.ForwardingList.Select(item => Element(
                    "forwardListItem",
                    Enum<ForwardingType>("forwardingType", item.ForwardingType), Boolean("forwardStatus", item.ForwardStatus), Text("forwardDN", item.ForwardDN)))),
                Number("ringCount", m.RingCount), Number("ringDuration", m.RingDuration)],
            ForwardingEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Text("device", m.Device), Enum<ForwardingType>("forwardingType", m.ForwardingType),
                Boolean("forwardStatus", m.ForwardStatus), Text("forwardTo", m.ForwardTo),
                Number("ringCount", m.RingCount), Number("ringDuration", m.RingDuration)],

            CstaErrorCode m => [new XElement(_namespace + m.Category, m.Value)],

            ServiceInitiatedEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("initiatedConnection", m.InitiatedConnection),
                Device("initiatingDevice", m.InitiatingDevice), Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            OriginatedEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("originatedConnection", m.OriginatedConnection),
                Device("callingDevice", m.CallingDevice), Device("calledDevice", m.CalledDevice),
                Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            DeliveredEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("connection", m.Connection),
                Device("alertingDevice", m.AlertingDevice), Device("callingDevice", m.CallingDevice), Device("calledDevice", m.CalledDevice),
                m.LastRedirectionDevice is { } redirection ? Element("lastRedirectionDevice", Text("numberDialed", redirection)) : null,
                Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            EstablishedEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("establishedConnection", m.EstablishedConnection),
                Device("answeringDevice", m.AnsweringDevice), Device("callingDevice", m.CallingDevice), Device("calledDevice", m.CalledDevice),
                Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            ConnectionClearedEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("droppedConnection", m.DroppedConnection),
                Device("releasingDevice", m.ReleasingDevice), Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            FailedEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("failedConnection", m.FailedConnection),
                Device("failingDevice", m.FailingDevice), Device("callingDevice", m.CallingDevice), Device("calledDevice", m.CalledDevice),
                Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            HeldEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("heldConnection", m.HeldConnection),
                Device("holdingDevice", m.HoldingDevice), Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            RetrievedEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("retrievedConnection", m.RetrievedConnection),
                Device("retrievingDevice", m.RetrievingDevice), Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            DoNotDisturbEvent m => [Text("monitorCrossRefID", m.MonitorCrossRefId), Text("device", m.Device), Boolean("doNotDisturbOn", m.DoNotDisturbOn)],
            OutOfServiceEvent m => [Text("monitorCrossRefID", m.MonitorCrossRefId), Text("device", m.Device), Enum("cause", m.Cause)],
            BackInServiceEvent m => [Text("monitorCrossRefID", m.MonitorCrossRefId), Text("device", m.Device), Enum("cause", m.Cause)],
            UserPresenceEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId),
                UserPresenceExtensions(new Mivo400UserPresenceData(m.Device, m.Presence))],

            CallClearedEvent m => [Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("clearedCall", m.ClearedCall), Enum("cause", m.Cause)],
            DivertedEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("connection", m.Connection),
                Device("divertingDevice", m.DivertingDevice), Device("newDestination", m.NewDestination),
                Device("callingDevice", m.CallingDevice), Device("calledDevice", m.CalledDevice),
                Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            TransferedEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("primaryOldCall", m.PrimaryOldCall), Connection("secondaryOldCall", m.SecondaryOldCall),
                Device("transferringDevice", m.TransferringDevice), Device("transferredToDevice", m.TransferredToDevice),
                ConnectionList("transferredConnections", m.TransferredConnections),
                Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],
            ConferencedEvent m => [
                Text("monitorCrossRefID", m.MonitorCrossRefId), Connection("primaryOldCall", m.PrimaryOldCall), Connection("secondaryOldCall", m.SecondaryOldCall),
                Device("conferencingDevice", m.ConferencingDevice), Device("addedParty", m.AddedParty),
                ConnectionList("conferenceConnections", m.ConferenceConnections),
                Enum("localConnectionInfo", m.LocalConnectionInfo), Enum("cause", m.Cause)],

            _ => throw new ArgumentException($"{message.GetType().Name} has no XML encoding.", nameof(message)),
        });
        return root;
    }

    private XElement? Element(string name, params object?[] content) => new(_namespace + name, content);

    private XElement? Text(string name, string? value) => value is null ? null : new XElement(_namespace + name, value);

    private XElement? Number(string name, int? value) =>
        value is null ? null : new XElement(_namespace + name, value.Value.ToString(CultureInfo.InvariantCulture));

    private XElement? Boolean(string name, bool? value) => value is null ? null : new XElement(_namespace + name, value.Value ? "true" : "false");

    private XElement? Enum<T>(string name, T? value)
        where T : struct, System.Enum =>
        value is null ? null : new XElement(_namespace + name, WireEnum<T>.ToText(value.Value));

    private XElement? Connection(string name, ConnectionId? connection) =>
        connection is null ? null : Element(name, Text("callID", connection.CallId), Text("deviceID", connection.DeviceId));

    private XElement? Device(string name, ExtendedDeviceId? device) => device?.Kind switch
    {
        null => null,
        ExtendedDeviceIdKind.DeviceIdentifier => Element(name, Text("deviceIdentifier", device.DeviceIdentifier ?? string.Empty)),
        ExtendedDeviceIdKind.NotKnown => Element(name, Element("notKnown")),
        ExtendedDeviceIdKind.Restricted => Element(name, Element("restricted")),
        _ => throw new ArgumentOutOfRangeException(nameof(device), device.Kind, "Unknown ExtendedDeviceID choice."),
    };

    // NOTE: the connectionListItem layout (newConnection, oldConnection, endpoint/deviceID) follows
    // the ECMA-285 ConnectionList; no captured XML trace confirms the element names.
    private XElement? ConnectionList(string name, IReadOnlyList<ConnectionListItem> items) =>
        Element(name, items.Select(item => Element(
            "connectionListItem",
            Connection("newConnection", item.NewConnection),
            Connection("oldConnection", item.OldConnection),
            item.Endpoint is null ? null : Element("endpoint", Text("deviceID", item.Endpoint)))));

    private XElement? SnapshotItem(SnapshotDeviceItem item)
    {
        var state = item.LocalCallState;
        object? choice = state switch
        {
            { CompoundCallState: { } compound } => Element("compoundCallState", compound.Select(value => Enum<LocalConnectionState>("localConnectionState", value))),
            { SimpleCallState: { } simple } => Enum<SimpleCallState>("simpleCallState", simple),
            _ => Element("unknown"),
        };
        return Element("snapshotDeviceResponseInfo", Connection("connectionIdentifier", item.ConnectionIdentifier), Element("localCallState", choice));
    }

    private XElement? UserPresenceExtensions(Mivo400UserPresenceData? presence)
    {
        if (presence is null)
        {
            return null;
        }

        XNamespace presenceNamespace = CstaNamespaces.Mivo400UserPresence;
        var userPresence = new XElement(
            presenceNamespace + "UserPresence",
            new XElement(presenceNamespace + "device", presence.Device),
            new XElement(
                presenceNamespace + "presence",
                new XAttribute("profile", ((int)presence.Presence).ToString(CultureInfo.InvariantCulture)),
                WireEnum<Mivo400UserPresence>.ToText(presence.Presence)));
        return Element("extensions", Element("privateData", Element("private", userPresence)));
    }
}
