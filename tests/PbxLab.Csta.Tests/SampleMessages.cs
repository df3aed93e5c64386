using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Tests;

/// <summary>One filled-in instance of every message type, for round trips and snapshots.</summary>
internal static class SampleMessages
{
    private static readonly ConnectionId Connection = new("000000000032214180010035", "200");

    public static IReadOnlyList<CstaMessage> All { get; } =
    [
        new SystemStatus("27ss", SystemStatusValue.Normal),
        new SystemStatusResponse(),
        new SystemRegister(SystemStatus: true, RequestSystemStatus: false),
        new SystemRegisterResponse("27ss"),
        new RequestSystemStatus(null),
        new RequestSystemStatusResponse(SystemStatusValue.Enabled),
        new MonitorStart(MonitorObject.Device("N<123!98>"), MonitorType.Device),
        new MonitorStartResponse("1136370025"),
        new MonitorStop("1193240031"),
        new MonitorStopResponse(),
        new SnapshotDevice("200"),
        new SnapshotDeviceResponse(
            [
                new SnapshotDeviceItem(Connection, SnapshotCallState.Compound(LocalConnectionState.Connected, LocalConnectionState.Alerting)),
                new SnapshotDeviceItem(new ConnectionId("77", "200"), SnapshotCallState.Simple(SimpleCallState.CallReceived)),
                new SnapshotDeviceItem(new ConnectionId("78", "200"), SnapshotCallState.Unknown),
            ],
            new Mivo400UserPresenceData("200", Mivo400UserPresence.Meeting)),
        new MakeCall("200", "333"),
        new MakeCallResponse(Connection),
        new AnswerCall(new ConnectionId("77", "201")),
        new AnswerCallResponse(),
        new ClearConnection(new ConnectionId(null, "200")),
        new ClearConnectionResponse(),
        new SetDoNotDisturb("200", true),
        new SetDoNotDisturbResponse(),
        new GetDoNotDisturb("200"),
        new GetDoNotDisturbResponse(false),
        new CstaErrorCode(CstaErrorCategories.SystemResourceAvailibility, "overallMonitorLimitExceeded"),
        new ServiceInitiatedEvent("17", Connection, ExtendedDeviceId.Known("200"), LocalConnectionState.Initiated, EventCause.MakeCall),
        new OriginatedEvent("17", Connection, ExtendedDeviceId.Known("200"), ExtendedDeviceId.Known("333"), LocalConnectionState.Connected, EventCause.NewCall),
        new DeliveredEvent("18", new ConnectionId("000000000032214180010035", "333"), ExtendedDeviceId.Known("333"), ExtendedDeviceId.Restricted, ExtendedDeviceId.Known("333"), LocalConnectionState.Alerting, EventCause.NewCall),
        new EstablishedEvent("18", new ConnectionId("000000000032214180010035", "333"), ExtendedDeviceId.Known("333"), ExtendedDeviceId.NotKnown, ExtendedDeviceId.Known("333"), LocalConnectionState.Connected, EventCause.NewCall),
        new ConnectionClearedEvent("17", Connection, ExtendedDeviceId.Known("200"), LocalConnectionState.Null, EventCause.NormalClearing),
        new FailedEvent("17", Connection, ExtendedDeviceId.Known("333"), ExtendedDeviceId.Known("200"), ExtendedDeviceId.Known("333"), LocalConnectionState.Fail, EventCause.Busy),
        new HeldEvent("17", Connection, ExtendedDeviceId.Known("200"), LocalConnectionState.Hold, EventCause.Normal),
        new RetrievedEvent("17", Connection, ExtendedDeviceId.Known("200"), LocalConnectionState.Connected, EventCause.Normal),
        new DoNotDisturbEvent("17", "200", true),
        new OutOfServiceEvent("17", "200", null),
        new BackInServiceEvent("17", "200", null),
        new UserPresenceEvent("17", "200", Mivo400UserPresence.NotAvailable),
        new CallClearedEvent("17", new ConnectionId("000000000032214180010035", null), EventCause.NormalClearing),
        new DivertedEvent("18", new ConnectionId("5", "201"), ExtendedDeviceId.Known("201"), ExtendedDeviceId.Known("202"), ExtendedDeviceId.Known("200"), ExtendedDeviceId.Known("201"), LocalConnectionState.Null, EventCause.CallForwardNoAnswer),
        new TransferedEvent(
            "17",
            new ConnectionId("5", "200"),
            new ConnectionId("6", "200"),
            ExtendedDeviceId.Known("200"),
            ExtendedDeviceId.Known("202"),
            [new ConnectionListItem(new ConnectionId("7", "201"), new ConnectionId("5", "201"), "201"), new ConnectionListItem(new ConnectionId("7", "202"), new ConnectionId("6", "202"), null)],
            LocalConnectionState.Null,
            EventCause.Transfer),
        new ConferencedEvent(
            "17",
            new ConnectionId("5", "200"),
            new ConnectionId("6", "200"),
            ExtendedDeviceId.Known("200"),
            ExtendedDeviceId.Known("202"),
            [new ConnectionListItem(new ConnectionId("8", "200"), new ConnectionId("5", "200"), "200")],
            LocalConnectionState.Connected,
            EventCause.Conference),
        new HoldCall(Connection),
        new HoldCallResponse(),
        new RetrieveCall(Connection),
        new RetrieveCallResponse(),
        new ConsultationCall(Connection, "202"),
        new ConsultationCallResponse(new ConnectionId("00000009", "200")),
        new TransferCall(Connection, new ConnectionId("00000009", "200")),
        new TransferCallResponse(new ConnectionId("00000008", "201")),
        new ConferenceCall(Connection, new ConnectionId("00000009", "200")),
        new ConferenceCallResponse(new ConnectionId("00000008", "200")),
        new SingleStepTransferCall(Connection, "0612345678"),
        new SingleStepTransferCallResponse(null),
        new SetForwarding("200", ForwardingType.ForwardNoAns, true, "201", RingDuration: 15),
        new SetForwardingResponse(),
        new GetForwarding("200"),
        new GetForwardingResponse(
            [new ForwardListItem(ForwardingType.ForwardImmediate, false, null), new ForwardListItem(ForwardingType.ForwardBusy, true, "00612345678")],
            RingDuration: 20),
        new ForwardingEvent("17", "200", ForwardingType.ForwardBusy, true, "201"),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var message in All)
        {
            data.Add(message.GetType().Name);
        }

        return data;
    }

    public static CstaMessage ByName(string name) => All.Single(message => message.GetType().Name == name);
}
