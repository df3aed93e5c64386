using System.Collections.Frozen;
using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Xml;

public sealed partial class CstaXmlCodec
{
    private static readonly FrozenDictionary<string, Func<int, CstaXmlElements, CstaMessage>> Decoders =
        new Dictionary<string, Func<int, CstaXmlElements, CstaMessage>>(StringComparer.Ordinal)
        {
            ["SystemStatus"] = (root, x) => new SystemStatus(
                x.OptionalText(root, "sysStatRegisterID"u8),
                x.ParseEnum<SystemStatusValue>(x.RequiredChild(root, "systemStatus"u8))),
            ["SystemStatusResponse"] = (_, _) => new SystemStatusResponse(),
            ["SystemRegister"] = DecodeSystemRegister,
            ["SystemRegisterResponse"] = (root, x) => new SystemRegisterResponse(x.RequiredText(root, "sysStatRegisterID"u8)),
            ["RequestSystemStatus"] = (root, x) => new RequestSystemStatus(x.OptionalText(root, "sysStatRegisterID"u8)),
            ["RequestSystemStatusResponse"] = (root, x) => new RequestSystemStatusResponse(
                x.ParseEnum<SystemStatusValue>(x.RequiredChild(root, "systemStatus"u8))),

            ["MonitorStart"] = DecodeMonitorStart,
            ["MonitorStartResponse"] = (root, x) => new MonitorStartResponse(x.RequiredText(root, "monitorCrossRefID"u8)),
            ["MonitorStop"] = (root, x) => new MonitorStop(x.RequiredText(root, "monitorCrossRefID"u8)),
            ["MonitorStopResponse"] = (_, _) => new MonitorStopResponse(),

            ["SnapshotDevice"] = (root, x) => new SnapshotDevice(x.RequiredText(root, "snapshotObject"u8)),
            ["SnapshotDeviceResponse"] = DecodeSnapshotDeviceResponse,

            ["MakeCall"] = (root, x) => new MakeCall(x.RequiredText(root, "callingDevice"u8), x.RequiredText(root, "calledDirectoryNumber"u8)),
            ["MakeCallResponse"] = (root, x) => new MakeCallResponse(x.RequiredConnectionId(root, "callingDevice"u8)),
            ["AnswerCall"] = (root, x) => new AnswerCall(x.RequiredConnectionId(root, "callToBeAnswered"u8)),
            ["AnswerCallResponse"] = (_, _) => new AnswerCallResponse(),
            ["ClearConnection"] = (root, x) => new ClearConnection(x.RequiredConnectionId(root, "connectionToBeCleared"u8)),
            ["ClearConnectionResponse"] = (_, _) => new ClearConnectionResponse(),

            ["SetDoNotDisturb"] = (root, x) => new SetDoNotDisturb(
                x.RequiredText(root, "device"u8),
                x.ParseBoolean(x.RequiredChild(root, "doNotDisturbOn"u8))),
            ["SetDoNotDisturbResponse"] = (_, _) => new SetDoNotDisturbResponse(),
            ["GetDoNotDisturb"] = (root, x) => new GetDoNotDisturb(x.RequiredText(root, "device"u8)),
            ["GetDoNotDisturbResponse"] = (root, x) => new GetDoNotDisturbResponse(x.ParseBoolean(x.RequiredChild(root, "doNotDisturbOn"u8))),

            ["HoldCall"] = (root, x) => new HoldCall(x.RequiredConnectionId(root, "callToBeHeld"u8)),
            ["HoldCallResponse"] = (_, _) => new HoldCallResponse(),
            ["RetrieveCall"] = (root, x) => new RetrieveCall(x.RequiredConnectionId(root, "callToBeRetrieved"u8)),
            ["RetrieveCallResponse"] = (_, _) => new RetrieveCallResponse(),
            ["ConsultationCall"] = (root, x) => new ConsultationCall(
                x.RequiredConnectionId(root, "existingCall"u8), x.RequiredText(root, "consultedDevice"u8)),
            ["ConsultationCallResponse"] = (root, x) => new ConsultationCallResponse(x.RequiredConnectionId(root, "initiatedCall"u8)),
            ["TransferCall"] = (root, x) => new TransferCall(x.RequiredConnectionId(root, "heldCall"u8), x.RequiredConnectionId(root, "activeCall"u8)),
            ["TransferCallResponse"] = (root, x) => new TransferCallResponse(
                x.OptionalConnectionId(root, "transferredCall"u8)),
            // A ConferenceCall without its connections still decodes, so a client that serves no
            // conferences can answer it with serviceNotSupported rather than a decoding error.
            ["ConferenceCall"] = (root, x) => new ConferenceCall(OptionalConnection(root, "heldCall"u8, x), OptionalConnection(root, "activeCall"u8, x)),
            ["ConferenceCallResponse"] = (root, x) => new ConferenceCallResponse(x.RequiredConnectionId(root, "conferenceCall"u8)),
            ["SingleStepTransferCall"] = (root, x) => new SingleStepTransferCall(
                x.RequiredConnectionId(root, "activeCall"u8), x.RequiredText(root, "transferredTo"u8)),
            ["SingleStepTransferCallResponse"] = (root, x) => new SingleStepTransferCallResponse(
                x.OptionalConnectionId(root, "transferredCall"u8)),

            ["SetForwarding"] = (root, x) => new SetForwarding(
                x.RequiredText(root, "device"u8),
                x.ParseEnum<ForwardingType>(x.RequiredChild(root, "forwardingType"u8)),
                x.ParseBoolean(x.RequiredChild(root, "activateForward"u8)),
                x.OptionalText(root, "forwardDN"u8) is { Length: > 0 } forwardDn ? forwardDn : null,
                x.OptionalInteger(root, "ringCount"u8),
                x.OptionalInteger(root, "ringDuration"u8)),
            ["SetForwardingResponse"] = (_, _) => new SetForwardingResponse(),
            ["GetForwarding"] = (root, x) => new GetForwarding(x.RequiredText(root, "device"u8)),
            ["GetForwardingResponse"] = (root, x) => new GetForwardingResponse(
                DecodeForwardingList(root, x),
                x.OptionalInteger(root, "ringCount"u8),
                x.OptionalInteger(root, "ringDuration"u8)),
            ["ForwardingEvent"] = (root, x) => new ForwardingEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredText(root, "device"u8),
                x.ParseEnum<ForwardingType>(x.RequiredChild(root, "forwardingType"u8)),
                x.ParseBoolean(x.RequiredChild(root, "forwardStatus"u8)),
                x.OptionalText(root, "forwardTo"u8) is { Length: > 0 } forwardTo ? forwardTo : null,
                x.OptionalInteger(root, "ringCount"u8),
                x.OptionalInteger(root, "ringDuration"u8)),

            ["CSTAErrorCode"] = DecodeErrorCode,

            ["ServiceInitiatedEvent"] = (root, x) => new ServiceInitiatedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "initiatedConnection"u8),
                x.OptionalExtendedDeviceId(root, "initiatingDevice"u8),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
            ["OriginatedEvent"] = (root, x) => new OriginatedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "originatedConnection"u8),
                x.OptionalExtendedDeviceId(root, "callingDevice"u8),
                x.OptionalExtendedDeviceId(root, "calledDevice"u8),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
            ["DeliveredEvent"] = (root, x) => new DeliveredEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "connection"u8),
                x.OptionalExtendedDeviceId(root, "alertingDevice"u8),
                x.OptionalExtendedDeviceId(root, "callingDevice"u8),
                x.OptionalExtendedDeviceId(root, "calledDevice"u8),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root))
            {
                LastRedirectionDevice = x.TryChild(root, "lastRedirectionDevice"u8, out var redirection)
                    ? x.OptionalText(redirection, "numberDialed"u8)
                    : null,
            },
            ["EstablishedEvent"] = (root, x) => new EstablishedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "establishedConnection"u8),
                x.OptionalExtendedDeviceId(root, "answeringDevice"u8),
                x.OptionalExtendedDeviceId(root, "callingDevice"u8),
                x.OptionalExtendedDeviceId(root, "calledDevice"u8),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
            ["ConnectionClearedEvent"] = (root, x) => new ConnectionClearedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "droppedConnection"u8),
                x.OptionalExtendedDeviceId(root, "releasingDevice"u8),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
            ["FailedEvent"] = (root, x) => new FailedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "failedConnection"u8),
                x.OptionalExtendedDeviceId(root, "failingDevice"u8),
                x.OptionalExtendedDeviceId(root, "callingDevice"u8),
                x.OptionalExtendedDeviceId(root, "calledDevice"u8),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
            ["HeldEvent"] = (root, x) => new HeldEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "heldConnection"u8),
                x.OptionalExtendedDeviceId(root, "holdingDevice"u8),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
            ["RetrievedEvent"] = (root, x) => new RetrievedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "retrievedConnection"u8),
                x.OptionalExtendedDeviceId(root, "retrievingDevice"u8),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
            ["DoNotDisturbEvent"] = (root, x) => new DoNotDisturbEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredText(root, "device"u8),
                x.ParseBoolean(x.RequiredChild(root, "doNotDisturbOn"u8))),
            ["OutOfServiceEvent"] = (root, x) => new OutOfServiceEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.OptionalText(root, "device"u8),
                x.OptionalCause(root)),
            ["BackInServiceEvent"] = (root, x) => new BackInServiceEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.OptionalText(root, "device"u8),
                x.OptionalCause(root)),
            ["PrivateEvent"] = DecodePrivateEvent,
            ["CallClearedEvent"] = (root, x) => new CallClearedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "clearedCall"u8),
                x.OptionalCause(root)),
            ["DivertedEvent"] = (root, x) => new DivertedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "connection"u8),
                x.OptionalExtendedDeviceId(root, "divertingDevice"u8),
                x.OptionalExtendedDeviceId(root, "newDestination"u8),
                x.OptionalExtendedDeviceId(root, "callingDevice"u8),
                x.OptionalExtendedDeviceId(root, "calledDevice"u8),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
            ["TransferedEvent"] = (root, x) => new TransferedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "primaryOldCall"u8),
                x.OptionalConnectionId(root, "secondaryOldCall"u8),
                x.OptionalExtendedDeviceId(root, "transferringDevice"u8),
                x.OptionalExtendedDeviceId(root, "transferredToDevice"u8),
                DecodeConnectionList(root, "transferredConnections"u8, x),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
            ["ConferencedEvent"] = (root, x) => new ConferencedEvent(
                x.RequiredText(root, "monitorCrossRefID"u8),
                x.RequiredConnectionId(root, "primaryOldCall"u8),
                x.OptionalConnectionId(root, "secondaryOldCall"u8),
                x.OptionalExtendedDeviceId(root, "conferencingDevice"u8),
                x.OptionalExtendedDeviceId(root, "addedParty"u8),
                DecodeConnectionList(root, "conferenceConnections"u8, x),
                x.OptionalEnum<LocalConnectionState>(root, "localConnectionInfo"u8),
                x.OptionalCause(root)),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    // The decoders found by a root name in a char span, each with its name as a string so a
    // decode need not make one. Declared after Decoders, which it is built from.
    private static readonly FrozenDictionary<string, (string Name, Func<int, CstaXmlElements, CstaMessage> Decode)>.AlternateLookup<ReadOnlySpan<char>> DecodersByName =
        Decoders.ToFrozenDictionary(pair => pair.Key, pair => (pair.Key, pair.Value), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    // Profile numbers 0 to 4 of Mivo400UserPresence as text, compared with the attribute without making a string.
    private static readonly string[] ProfileNumbers = ["0", "1", "2", "3", "4"];

    private static readonly FrozenSet<string> RequestElementNames = new[]
    {
        "SystemStatus", "SystemRegister", "RequestSystemStatus", "MonitorStart", "MonitorStop", "SnapshotDevice",
        "MakeCall", "AnswerCall", "ClearConnection", "SetDoNotDisturb", "GetDoNotDisturb",
        "HoldCall", "RetrieveCall", "ConsultationCall", "TransferCall", "ConferenceCall", "SingleStepTransferCall",
        "SetForwarding", "GetForwarding",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static ConnectionId OptionalConnection(int root, ReadOnlySpan<byte> localName, CstaXmlElements x) =>
        x.OptionalConnectionId(root, localName) ?? new ConnectionId(null, null);

    private static SystemRegister DecodeSystemRegister(int root, CstaXmlElements x)
    {
        if (!x.TryChild(root, "requestTypes"u8, out var requestTypes))
        {
            return new SystemRegister(null, null);
        }

        return new SystemRegister(
            x.OptionalBoolean(requestTypes, "systemStatus"u8),
            x.OptionalBoolean(requestTypes, "requestSystemStatus"u8));
    }

    private static MonitorStart DecodeMonitorStart(int root, CstaXmlElements x)
    {
        var monitorObject = x.RequiredChild(root, "monitorObject"u8);
        var deviceObject = x.OptionalText(monitorObject, "deviceObject"u8);
        var callObject = x.OptionalConnectionId(monitorObject, "callObject"u8);
        if (string.IsNullOrEmpty(deviceObject) && callObject is null)
        {
            throw new CstaDecodeException(
                CstaRejectReason.MissingElement,
                "MonitorStart has a monitorObject without deviceObject or callObject; name the device or call to monitor.",
                x.RootName);
        }

        return new MonitorStart(
            new MonitorObject(string.IsNullOrEmpty(deviceObject) ? null : deviceObject, callObject),
            x.OptionalEnum<MonitorType>(root, "monitorType"u8));
    }

    private static SnapshotDeviceResponse DecodeSnapshotDeviceResponse(int root, CstaXmlElements x)
    {
        var choice = x.RequiredChild(root, "crossRefIDorSnapshotData"u8);
        if (x.TryChild(choice, "serviceCrossRefID"u8, out _))
        {
            // Snapshot data delivered later by SnapshotDeviceData events is not supported, because an
            // empty list here would wrongly report that the device has no calls.
            throw new CstaDecodeException(
                CstaRejectReason.InvalidValue,
                "SnapshotDeviceResponse carries a serviceCrossRefID (snapshot data by events), which this library does not support; send snapshotData.",
                x.RootName);
        }

        var data = x.RequiredChild(choice, "snapshotData"u8);
        var items = new List<SnapshotDeviceItem>();
        for (var info = x.Tree.FirstChild(data); info != CstaXmlTree.None; info = x.Tree.NextSibling(info))
        {
            var connection = x.RequiredConnectionId(info, "connectionIdentifier"u8);
            var callState = x.TryChild(info, "localCallState"u8, out var state)
                ? DecodeCallState(state, x)
                : SnapshotCallState.Unknown;
            items.Add(new SnapshotDeviceItem(connection, callState));
        }

        return new SnapshotDeviceResponse(items, FindUserPresence(root, x));
    }

    private static SnapshotCallState DecodeCallState(int localCallState, CstaXmlElements x)
    {
        if (x.TryChild(localCallState, "compoundCallState"u8, out var compound))
        {
            var states = new List<LocalConnectionState>();
            for (var child = x.Tree.FirstChild(compound); child != CstaXmlTree.None; child = x.Tree.NextSibling(child))
            {
                if (x.Tree.IsNamed(child, "localConnectionState"u8))
                {
                    states.Add(x.ParseEnum<LocalConnectionState>(child));
                }
            }

            return new SnapshotCallState(states.ToArray(), null);
        }

        if (x.TryChild(localCallState, "simpleCallState"u8, out var simple))
        {
            return SnapshotCallState.Simple(x.ParseEnum<SimpleCallState>(simple));
        }

        return SnapshotCallState.Unknown;
    }

    private static List<ForwardListItem> DecodeForwardingList(int root, CstaXmlElements x)
    {
        var items = new List<ForwardListItem>();
        if (!x.TryChild(root, "forwardingList"u8, out var list))
        {
            return items;
        }

        for (var item = x.Tree.FirstChild(list); item != CstaXmlTree.None; item = x.Tree.NextSibling(item))
        {
            if (x.Tree.IsNamed(item, "forwardListItem"u8))
            {
                items.Add(new ForwardListItem(
                    x.ParseEnum<ForwardingType>(x.RequiredChild(item, "forwardingType"u8)),
                    x.ParseBoolean(x.RequiredChild(item, "forwardStatus"u8)),
                    x.OptionalText(item, "forwardDN"u8) is { Length: > 0 } dn ? dn : null));
            }
        }

        return items;
    }

    private static List<ConnectionListItem> DecodeConnectionList(int root, ReadOnlySpan<byte> localName, CstaXmlElements x)
    {
        var items = new List<ConnectionListItem>();
        if (!x.TryChild(root, localName, out var list))
        {
            return items;
        }

        for (var item = x.Tree.FirstChild(list); item != CstaXmlTree.None; item = x.Tree.NextSibling(item))
        {
            var newConnection = x.OptionalConnectionId(item, "newConnection"u8);
            var oldConnection = x.OptionalConnectionId(item, "oldConnection"u8);
            var endpoint = x.TryChild(item, "endpoint"u8, out var device) ? x.OptionalText(device, "deviceID"u8) : null;
            items.Add(new ConnectionListItem(newConnection, oldConnection, endpoint));
        }

        return items;
    }

    private static CstaErrorCode DecodeErrorCode(int root, CstaXmlElements x)
    {
        var category = x.Tree.FirstChild(root);
        if (category == CstaXmlTree.None)
        {
            throw new CstaDecodeException(
                CstaRejectReason.MissingElement,
                "CSTAErrorCode has no child; expected one category element such as operation or systemResourceAvailibility.",
                x.RootName);
        }

        var name = x.Tree.GetLocalName(category);
        if (!CstaErrorCategories.All.Contains(name))
        {
            throw new CstaDecodeException(
                CstaRejectReason.InvalidValue,
                $"CSTAErrorCode has category '{CstaXmlElements.Truncate(name)}'; expected one of {string.Join(", ", CstaErrorCategories.All)}.",
                x.RootName);
        }

        return new CstaErrorCode(name, x.Tree.GetTrimmedTextString(category));
    }

    private static UserPresenceEvent DecodePrivateEvent(int root, CstaXmlElements x)
    {
        var monitorCrossRefId = x.RequiredText(root, "monitorCrossRefID"u8);
        var presence = FindUserPresence(root, x)
            ?? throw new CstaDecodeException(
                CstaRejectReason.UnknownMessage,
                $"PrivateEvent carries no UserPresence element in {CstaNamespaces.Mivo400UserPresence}, the only private event this library decodes.",
                x.RootName);

        return new UserPresenceEvent(monitorCrossRefId, presence.Device, presence.Presence);
    }

    /// <summary>Finds <c>extensions/privateData/private/UserPresence</c> under a message root.</summary>
    private static Mivo400UserPresenceData? FindUserPresence(int root, CstaXmlElements x)
    {
        var element = x.TryChild(root, "extensions"u8, out var extensions)
            && x.TryChild(extensions, "privateData"u8, out var privateData)
            && x.TryChild(privateData, "private"u8, out var privateElement)
                ? x.Tree.Child(privateElement, "UserPresence"u8)
                : CstaXmlTree.None;
        if (element == CstaXmlTree.None)
        {
            return null;
        }

        var device = x.RequiredText(element, "device"u8);
        var presenceElement = x.RequiredChild(element, "presence"u8);
        var presence = x.ParseEnum<Mivo400UserPresence>(presenceElement);

        if (x.Tree.TryGetAttribute(presenceElement, "profile"u8, out var profile)
            && !profile.SequenceEqual(ProfileNumbers[(int)presence]))
        {
            throw new CstaDecodeException(
                CstaRejectReason.InvalidValue,
                $"UserPresence has presence '{WireEnum<Mivo400UserPresence>.ToText(presence)}' with profile '{CstaXmlElements.Truncate(profile)}'; the profile must be {(int)presence} or left out.",
                x.RootName);
        }

        return new Mivo400UserPresenceData(device, presence);
    }
}
