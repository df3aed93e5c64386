using System.Collections.Frozen;
using System.Xml.Linq;
using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Xml;

public sealed partial class CstaXmlCodec
{
    private static readonly FrozenDictionary<string, Func<XElement, CstaXmlElements, CstaMessage>> Decoders =
        new Dictionary<string, Func<XElement, CstaXmlElements, CstaMessage>>(StringComparer.Ordinal)
        {
            ["SystemStatus"] = (root, x) => new SystemStatus(
                x.OptionalText(root, "sysStatRegisterID"),
                x.ParseEnum<SystemStatusValue>(x.RequiredChild(root, "systemStatus"))),
            ["SystemStatusResponse"] = (_, _) => new SystemStatusResponse(),
            ["SystemRegister"] = DecodeSystemRegister,
            ["SystemRegisterResponse"] = (root, x) => new SystemRegisterResponse(x.RequiredText(root, "sysStatRegisterID")),
            ["RequestSystemStatus"] = (root, x) => new RequestSystemStatus(x.OptionalText(root, "sysStatRegisterID")),
            ["RequestSystemStatusResponse"] = (root, x) => new RequestSystemStatusResponse(
                x.ParseEnum<SystemStatusValue>(x.RequiredChild(root, "systemStatus"))),

            ["MonitorStart"] = DecodeMonitorStart,
            ["MonitorStartResponse"] = (root, x) => new MonitorStartResponse(x.RequiredText(root, "monitorCrossRefID")),
            ["MonitorStop"] = (root, x) => new MonitorStop(x.RequiredText(root, "monitorCrossRefID")),
            ["MonitorStopResponse"] = (_, _) => new MonitorStopResponse(),

            ["SnapshotDevice"] = (root, x) => new SnapshotDevice(x.RequiredText(root, "snapshotObject")),
            ["SnapshotDeviceResponse"] = DecodeSnapshotDeviceResponse,

            ["MakeCall"] = (root, x) => new MakeCall(x.RequiredText(root, "callingDevice"), x.RequiredText(root, "calledDirectoryNumber")),
            ["MakeCallResponse"] = (root, x) => new MakeCallResponse(x.RequiredConnectionId(root, "callingDevice")),
            ["AnswerCall"] = (root, x) => new AnswerCall(x.RequiredConnectionId(root, "callToBeAnswered")),
            ["AnswerCallResponse"] = (_, _) => new AnswerCallResponse(),
            ["ClearConnection"] = (root, x) => new ClearConnection(x.RequiredConnectionId(root, "connectionToBeCleared")),
            ["ClearConnectionResponse"] = (_, _) => new ClearConnectionResponse(),

            ["SetDoNotDisturb"] = (root, x) => new SetDoNotDisturb(
                x.RequiredText(root, "device"),
                x.ParseBoolean(x.RequiredChild(root, "doNotDisturbOn"))),
            ["SetDoNotDisturbResponse"] = (_, _) => new SetDoNotDisturbResponse(),
            ["GetDoNotDisturb"] = (root, x) => new GetDoNotDisturb(x.RequiredText(root, "device")),
            ["GetDoNotDisturbResponse"] = (root, x) => new GetDoNotDisturbResponse(x.ParseBoolean(x.RequiredChild(root, "doNotDisturbOn"))),

            ["HoldCall"] = (root, x) => new HoldCall(x.RequiredConnectionId(root, "callToBeHeld")),
            ["HoldCallResponse"] = (_, _) => new HoldCallResponse(),
            ["RetrieveCall"] = (root, x) => new RetrieveCall(x.RequiredConnectionId(root, "callToBeRetrieved")),
            ["RetrieveCallResponse"] = (_, _) => new RetrieveCallResponse(),
            ["ConsultationCall"] = (root, x) => new ConsultationCall(
                x.RequiredConnectionId(root, "existingCall"), x.RequiredText(root, "consultedDevice")),
            ["ConsultationCallResponse"] = (root, x) => new ConsultationCallResponse(x.RequiredConnectionId(root, "initiatedCall")),
            ["TransferCall"] = (root, x) => new TransferCall(x.RequiredConnectionId(root, "heldCall"), x.RequiredConnectionId(root, "activeCall")),
            ["TransferCallResponse"] = (root, x) => new TransferCallResponse(
                CstaXmlElements.Child(root, "transferredCall") is { } transferred ? x.ParseConnectionId(transferred) : null),
            // A ConferenceCall without its connections still decodes, so a client that serves no
            // conferences can answer it with serviceNotSupported rather than a decoding error.
            ["ConferenceCall"] = (root, x) => new ConferenceCall(OptionalConnection(root, "heldCall", x), OptionalConnection(root, "activeCall", x)),
            ["ConferenceCallResponse"] = (root, x) => new ConferenceCallResponse(x.RequiredConnectionId(root, "conferenceCall")),
            ["SingleStepTransferCall"] = (root, x) => new SingleStepTransferCall(
                x.RequiredConnectionId(root, "activeCall"), x.RequiredText(root, "transferredTo")),
            ["SingleStepTransferCallResponse"] = (root, x) => new SingleStepTransferCallResponse(
                CstaXmlElements.Child(root, "transferredCall") is { } transferred ? x.ParseConnectionId(transferred) : null),

            ["SetForwarding"] = (root, x) => new SetForwarding(
                x.RequiredText(root, "device"),
                x.ParseEnum<ForwardingType>(x.RequiredChild(root, "forwardingType")),
                x.ParseBoolean(x.RequiredChild(root, "activateForward")),
                x.OptionalText(root, "forwardDN") is { Length: > 0 } forwardDn ? forwardDn : null,
                x.OptionalInteger(root, "ringCount"),
                x.OptionalInteger(root, "ringDuration")),
            ["SetForwardingResponse"] = (_, _) => new SetForwardingResponse(),
            ["GetForwarding"] = (root, x) => new GetForwarding(x.RequiredText(root, "device")),
            ["GetForwardingResponse"] = (root, x) => new GetForwardingResponse(
                CstaXmlElements.Child(root, "forwardingList") is { } list
                    ? [.. list.Elements().Where(e => e.Name.LocalName == "forwardListItem").Select(item => new ForwardListItem(
                        x.ParseEnum<ForwardingType>(x.RequiredChild(item, "forwardingType")),
                        x.ParseBoolean(x.RequiredChild(item, "forwardStatus")),
                        x.OptionalText(item, "forwardDN") is { Length: > 0 } dn ? dn : null))]
                    : [],
                x.OptionalInteger(root, "ringCount"),
                x.OptionalInteger(root, "ringDuration")),
            ["ForwardingEvent"] = (root, x) => new ForwardingEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredText(root, "device"),
                x.ParseEnum<ForwardingType>(x.RequiredChild(root, "forwardingType")),
                x.ParseBoolean(x.RequiredChild(root, "forwardStatus")),
                x.OptionalText(root, "forwardTo") is { Length: > 0 } forwardTo ? forwardTo : null,
                x.OptionalInteger(root, "ringCount"),
                x.OptionalInteger(root, "ringDuration")),

            ["CSTAErrorCode"] = DecodeErrorCode,

            ["ServiceInitiatedEvent"] = (root, x) => new ServiceInitiatedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "initiatedConnection"),
                x.OptionalExtendedDeviceId(root, "initiatingDevice"),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
            ["OriginatedEvent"] = (root, x) => new OriginatedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "originatedConnection"),
                x.OptionalExtendedDeviceId(root, "callingDevice"),
                x.OptionalExtendedDeviceId(root, "calledDevice"),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
            ["DeliveredEvent"] = (root, x) => new DeliveredEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "connection"),
                x.OptionalExtendedDeviceId(root, "alertingDevice"),
                x.OptionalExtendedDeviceId(root, "callingDevice"),
                x.OptionalExtendedDeviceId(root, "calledDevice"),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root))
            {
                LastRedirectionDevice = CstaXmlElements.Child(root, "lastRedirectionDevice") is { } redirection
                    ? x.OptionalText(redirection, "numberDialed")
                    : null,
            },
            ["EstablishedEvent"] = (root, x) => new EstablishedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "establishedConnection"),
                x.OptionalExtendedDeviceId(root, "answeringDevice"),
                x.OptionalExtendedDeviceId(root, "callingDevice"),
                x.OptionalExtendedDeviceId(root, "calledDevice"),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
            ["ConnectionClearedEvent"] = (root, x) => new ConnectionClearedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "droppedConnection"),
                x.OptionalExtendedDeviceId(root, "releasingDevice"),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
            ["FailedEvent"] = (root, x) => new FailedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "failedConnection"),
                x.OptionalExtendedDeviceId(root, "failingDevice"),
                x.OptionalExtendedDeviceId(root, "callingDevice"),
                x.OptionalExtendedDeviceId(root, "calledDevice"),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
            ["HeldEvent"] = (root, x) => new HeldEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "heldConnection"),
                x.OptionalExtendedDeviceId(root, "holdingDevice"),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
            ["RetrievedEvent"] = (root, x) => new RetrievedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "retrievedConnection"),
                x.OptionalExtendedDeviceId(root, "retrievingDevice"),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
            ["DoNotDisturbEvent"] = (root, x) => new DoNotDisturbEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredText(root, "device"),
                x.ParseBoolean(x.RequiredChild(root, "doNotDisturbOn"))),
            ["OutOfServiceEvent"] = (root, x) => new OutOfServiceEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.OptionalText(root, "device"),
                CstaXmlElements.OptionalCause(root)),
            ["BackInServiceEvent"] = (root, x) => new BackInServiceEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.OptionalText(root, "device"),
                CstaXmlElements.OptionalCause(root)),
            ["PrivateEvent"] = DecodePrivateEvent,
            ["CallClearedEvent"] = (root, x) => new CallClearedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "clearedCall"),
                CstaXmlElements.OptionalCause(root)),
            ["DivertedEvent"] = (root, x) => new DivertedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "connection"),
                x.OptionalExtendedDeviceId(root, "divertingDevice"),
                x.OptionalExtendedDeviceId(root, "newDestination"),
                x.OptionalExtendedDeviceId(root, "callingDevice"),
                x.OptionalExtendedDeviceId(root, "calledDevice"),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
            ["TransferedEvent"] = (root, x) => new TransferedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "primaryOldCall"),
                CstaXmlElements.Child(root, "secondaryOldCall") is { } secondary ? x.ParseConnectionId(secondary) : null,
                x.OptionalExtendedDeviceId(root, "transferringDevice"),
                x.OptionalExtendedDeviceId(root, "transferredToDevice"),
                DecodeConnectionList(root, "transferredConnections", x),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
            ["ConferencedEvent"] = (root, x) => new ConferencedEvent(
                x.RequiredText(root, "monitorCrossRefID"),
                x.RequiredConnectionId(root, "primaryOldCall"),
                CstaXmlElements.Child(root, "secondaryOldCall") is { } secondary ? x.ParseConnectionId(secondary) : null,
                x.OptionalExtendedDeviceId(root, "conferencingDevice"),
                x.OptionalExtendedDeviceId(root, "addedParty"),
                DecodeConnectionList(root, "conferenceConnections", x),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"),
                CstaXmlElements.OptionalCause(root)),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> RequestElementNames = new[]
    {
        "SystemStatus", "SystemRegister", "RequestSystemStatus", "MonitorStart", "MonitorStop", "SnapshotDevice",
        "MakeCall", "AnswerCall", "ClearConnection", "SetDoNotDisturb", "GetDoNotDisturb",
        "HoldCall", "RetrieveCall", "ConsultationCall", "TransferCall", "ConferenceCall", "SingleStepTransferCall",
        "SetForwarding", "GetForwarding",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static ConnectionId OptionalConnection(XElement root, string localName, CstaXmlElements x) =>
        CstaXmlElements.Child(root, localName) is { } element ? x.ParseConnectionId(element) : new ConnectionId(null, null);

    private static SystemRegister DecodeSystemRegister(XElement root, CstaXmlElements x)
    {
        var requestTypes = CstaXmlElements.Child(root, "requestTypes");
        if (requestTypes is null)
        {
            return new SystemRegister(null, null);
        }

        return new SystemRegister(
            x.OptionalBoolean(requestTypes, "systemStatus"),
            x.OptionalBoolean(requestTypes, "requestSystemStatus"));
    }

    private static MonitorStart DecodeMonitorStart(XElement root, CstaXmlElements x)
    {
        var monitorObject = x.RequiredChild(root, "monitorObject");
        var deviceObject = x.OptionalText(monitorObject, "deviceObject");
        var callObject = CstaXmlElements.Child(monitorObject, "callObject") is { } call ? x.ParseConnectionId(call) : null;
        if (string.IsNullOrEmpty(deviceObject) && callObject is null)
        {
            throw new CstaDecodeException(
                CstaRejectReason.MissingElement,
                "MonitorStart has a monitorObject without deviceObject or callObject; name the device or call to monitor.",
                x.RootName);
        }

        return new MonitorStart(
            new MonitorObject(string.IsNullOrEmpty(deviceObject) ? null : deviceObject, callObject),
            x.OptionalEnum<MonitorType>(root, "monitorType"));
    }

    private static SnapshotDeviceResponse DecodeSnapshotDeviceResponse(XElement root, CstaXmlElements x)
    {
        var choice = x.RequiredChild(root, "crossRefIDorSnapshotData");
        if (CstaXmlElements.Child(choice, "serviceCrossRefID") is not null)
        {
            // Snapshot data delivered later by SnapshotDeviceData events is not supported, because an
            // empty list here would wrongly report that the device has no calls.
            throw new CstaDecodeException(
                CstaRejectReason.InvalidValue,
                "SnapshotDeviceResponse carries a serviceCrossRefID (snapshot data by events), which this library does not support; send snapshotData.",
                x.RootName);
        }

        var data = x.RequiredChild(choice, "snapshotData");
        var items = new List<SnapshotDeviceItem>();
        foreach (var info in data.Elements())
        {
            var connection = x.RequiredConnectionId(info, "connectionIdentifier");
            var callState = CstaXmlElements.Child(info, "localCallState") is { } state
                ? DecodeCallState(state, x)
                : SnapshotCallState.Unknown;
            items.Add(new SnapshotDeviceItem(connection, callState));
        }

        return new SnapshotDeviceResponse(items, FindUserPresence(root, x));
    }

    private static SnapshotCallState DecodeCallState(XElement localCallState, CstaXmlElements x)
    {
        if (CstaXmlElements.Child(localCallState, "compoundCallState") is { } compound)
        {
            var states = compound.Elements()
                .Where(element => element.Name.LocalName == "localConnectionState")
                .Select(x.ParseEnum<LocalConnectionState>)
                .ToArray();
            return new SnapshotCallState(states, null);
        }

        if (CstaXmlElements.Child(localCallState, "simpleCallState") is { } simple)
        {
            return SnapshotCallState.Simple(x.ParseEnum<SimpleCallState>(simple));
        }

        return SnapshotCallState.Unknown;
    }

    private static List<ConnectionListItem> DecodeConnectionList(XElement root, string localName, CstaXmlElements x)
    {
        var items = new List<ConnectionListItem>();
        if (CstaXmlElements.Child(root, localName) is not { } list)
        {
            return items;
        }

        foreach (var item in list.Elements())
        {
            var newConnection = CstaXmlElements.Child(item, "newConnection") is { } created ? x.ParseConnectionId(created) : null;
            var oldConnection = CstaXmlElements.Child(item, "oldConnection") is { } previous ? x.ParseConnectionId(previous) : null;
            var endpoint = CstaXmlElements.Child(item, "endpoint") is { } device ? x.OptionalText(device, "deviceID") : null;
            items.Add(new ConnectionListItem(newConnection, oldConnection, endpoint));
        }

        return items;
    }

    private static CstaErrorCode DecodeErrorCode(XElement root, CstaXmlElements x)
    {
        var category = root.Elements().FirstOrDefault()
            ?? throw new CstaDecodeException(
                CstaRejectReason.MissingElement,
                "CSTAErrorCode has no child; expected one category element such as operation or systemResourceAvailibility.",
                x.RootName);

        var name = category.Name.LocalName;
        if (!CstaErrorCategories.All.Contains(name))
        {
            throw new CstaDecodeException(
                CstaRejectReason.InvalidValue,
                $"CSTAErrorCode has category '{CstaXmlElements.Truncate(name)}'; expected one of {string.Join(", ", CstaErrorCategories.All)}.",
                x.RootName);
        }

        return new CstaErrorCode(name, category.Value.Trim());
    }

    private static UserPresenceEvent DecodePrivateEvent(XElement root, CstaXmlElements x)
    {
        var monitorCrossRefId = x.RequiredText(root, "monitorCrossRefID");
        var presence = FindUserPresence(root, x)
            ?? throw new CstaDecodeException(
                CstaRejectReason.UnknownMessage,
                $"PrivateEvent carries no UserPresence element in {CstaNamespaces.Mivo400UserPresence}, the only private event this library decodes.",
                x.RootName);

        return new UserPresenceEvent(monitorCrossRefId, presence.Device, presence.Presence);
    }

    /// <summary>Finds <c>extensions/privateData/private/UserPresence</c> under a message root.</summary>
    private static Mivo400UserPresenceData? FindUserPresence(XElement root, CstaXmlElements x)
    {
        var element = CstaXmlElements.Child(root, "extensions") is { } extensions
            && CstaXmlElements.Child(extensions, "privateData") is { } privateData
            && CstaXmlElements.Child(privateData, "private") is { } privateElement
                ? CstaXmlElements.Child(privateElement, "UserPresence")
                : null;
        if (element is null)
        {
            return null;
        }

        var device = x.RequiredText(element, "device");
        var presenceElement = x.RequiredChild(element, "presence");
        var presence = x.ParseEnum<Mivo400UserPresence>(presenceElement);

        var profile = presenceElement.Attribute("profile")?.Value.Trim();
        if (profile is not null && profile != ((int)presence).ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new CstaDecodeException(
                CstaRejectReason.InvalidValue,
                $"UserPresence has presence '{WireEnum<Mivo400UserPresence>.ToText(presence)}' with profile '{CstaXmlElements.Truncate(profile)}'; the profile must be {(int)presence} or left out.",
                x.RootName);
        }

        return new Mivo400UserPresenceData(device, presence);
    }
}
