using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Csta;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Simulators.Pbx;
using PbxLab.Simulators.Pbx.Engine;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Tests.Pbx;

public sealed class CstaServerTests : IAsyncLifetime
{
    private const string Ed5 = "http://www.ecma-international.org/standards/ecma-323/csta/ed5";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private PbxSimulator _pbx = null!;

    public async Task InitializeAsync()
    {
        _pbx = await StartAsync(new PbxSimulatorOptions
        {
            Profile = PbxProfiles.MiVo400,
            Port = 0,
            MonitorLicences = 2,
            SpeaksFirst = false,
            HeartbeatInterval = Heartbeat,
        });
    }

    public async Task DisposeAsync() => await _pbx.DisposeAsync();

    [Fact]
    public async Task Speaks_first_with_SystemStatus_enabled()
    {
        await using var pbx = await StartAsync(new PbxSimulatorOptions { Profile = PbxProfiles.MiVo400, Port = 0 });
        await using var client = await CstaTestClient.ConnectAsync(pbx.Port);

        var greeting = await client.ReceiveAsync();

        Assert.NotEqual(9999, greeting.InvokeId);
        Assert.Equal(new SystemStatus(null, SystemStatusValue.Enabled), greeting.Message);

        await client.SendAsync(greeting.InvokeId, new SystemStatusResponse());
        Assert.IsType<SystemRegisterResponse>(await client.RequestAsync<SystemRegisterResponse>(new SystemRegister(true, false)));
    }

    [Fact]
    public async Task Silent_when_not_speaking_first()
    {
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        Assert.True(await client.IsSilentAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Heartbeat_carries_register_id()
    {
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        var registered = await client.RequestAsync<SystemRegisterResponse>(new SystemRegister(true, false));
        _time.Advance(Heartbeat);
        var heartbeat = await client.ReceiveAsync();

        Assert.False(string.IsNullOrEmpty(registered.SysStatRegisterId));
        Assert.NotEqual(9999, heartbeat.InvokeId);
        Assert.Equal(new SystemStatus(registered.SysStatRegisterId, SystemStatusValue.Normal), heartbeat.Message);
    }

    [Fact]
    public async Task Traffic_counts_messages_sent_to_the_client()
    {
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        await client.RequestAsync<RequestSystemStatusResponse>(new RequestSystemStatus(null));
        await client.RequestAsync<SystemStatusResponse>(new SystemStatus(null, SystemStatusValue.Normal));

        var traffic = Assert.Single(_pbx.ConnectionTraffic);
        Assert.Equal(client.LocalEndPoint, traffic.RemoteEndPoint);
        Assert.Equal(2, traffic.MessagesSent);
        Assert.Equal(0, traffic.PendingWrites);
    }

    [Fact]
    public async Task System_status_requests_get_responses()
    {
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        var status = await client.RequestAsync<RequestSystemStatusResponse>(new RequestSystemStatus(null));
        await client.RequestAsync<SystemStatusResponse>(new SystemStatus(null, SystemStatusValue.Normal));

        Assert.Equal(SystemStatusValue.Normal, status.Status);
    }

    [Fact]
    public async Task Call_events_carry_monitorCrossRefID()
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        var a = (await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device))).MonitorCrossRefId;
        var b = (await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("201"), MonitorType.Device))).MonitorCrossRefId;

        var callId = _pbx.Dial("200", "201");
        _pbx.Answer("201");
        _pbx.Hangup("200");
        var events = await client.ReceiveEventsAsync(8);

        Assert.NotEqual(a, b);
        CstaEvent[] expected =
        [
            new ServiceInitiatedEvent(a, new ConnectionId(callId, "200"), Known("200"), LocalConnectionState.Initiated, EventCause.NewCall),
            new OriginatedEvent(a, new ConnectionId(callId, "200"), Known("200"), Known("201"), LocalConnectionState.Connected, EventCause.NewCall),
            new DeliveredEvent(a, new ConnectionId(callId, "201"), Known("201"), Known("200"), Known("201"), LocalConnectionState.Connected, EventCause.NewCall),
            new DeliveredEvent(b, new ConnectionId(callId, "201"), Known("201"), Known("200"), Known("201"), LocalConnectionState.Alerting, EventCause.NewCall),
            new EstablishedEvent(a, new ConnectionId(callId, "201"), Known("201"), Known("200"), Known("201"), LocalConnectionState.Connected, EventCause.NewCall),
            new EstablishedEvent(b, new ConnectionId(callId, "201"), Known("201"), Known("200"), Known("201"), LocalConnectionState.Connected, EventCause.NewCall),
            new ConnectionClearedEvent(a, new ConnectionId(callId, "200"), Known("200"), LocalConnectionState.Null, EventCause.NormalClearing),
            new ConnectionClearedEvent(b, new ConnectionId(callId, "201"), Known("200"), LocalConnectionState.Null, EventCause.NormalClearing),
        ];
        Assert.Equal(expected, events);
    }

    [Fact]
    public async Task Events_use_profile_edition_and_order()
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port, CstaEdition.Ed4);
        await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("201"), MonitorType.Device));

        _pbx.Dial("200", "201");
        var delivered = await client.ReceiveRawAsync();

        Assert.Equal(9999, delivered.InvokeId);
        Assert.Contains($"<DeliveredEvent xmlns=\"{Ed5}\">", delivered.Xml, StringComparison.Ordinal);
        string[] order = ["<monitorCrossRefID>", "<connection>", "<alertingDevice>", "<callingDevice>", "<calledDevice>", "<localConnectionInfo>alerting<", "<cause>newCall<"];
        var positions = order.Select(tag => delivered.Xml.IndexOf(tag, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task Unknown_device_returns_invalidDeviceID()
    {
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        var error = await client.RequestAsync<CstaErrorCode>(new MonitorStart(MonitorObject.Device("999"), MonitorType.Device));

        Assert.Equal(new CstaErrorCode("operation", "invalidDeviceID"), error);
        Assert.Equal(0, _pbx.LicencesInUse);
    }

    [Fact]
    public async Task MonitorStart_without_role_returns_privilegeViolation()
    {
        _pbx.AddDevice("202", cloudLinkRole: false);
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        var error = await client.RequestAsync<CstaErrorCode>(new MonitorStart(MonitorObject.Device("202"), MonitorType.Device));

        Assert.Equal(new CstaErrorCode("operation", "privilegeViolationSpecifiedDevice"), error);
    }

    [Fact]
    public async Task Licence_exhaustion_returns_overallMonitorLimitExceeded()
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        _pbx.AddDevice("202");
        await using var first = await CstaTestClient.ConnectAsync(_pbx.Port);
        await using var second = await CstaTestClient.ConnectAsync(_pbx.Port);
        await first.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device));
        await second.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("201"), MonitorType.Device));

        await second.SendAsync(77, new MonitorStart(MonitorObject.Device("202"), MonitorType.Device));
        var refused = await second.ReceiveRawAsync();

        Assert.Equal(77, refused.InvokeId);
        Assert.Contains($"<CSTAErrorCode xmlns=\"{Ed5}\">", refused.Xml, StringComparison.Ordinal);
        Assert.Contains("<systemResourceAvailibility>overallMonitorLimitExceeded</systemResourceAvailibility>", refused.Xml, StringComparison.Ordinal);
        Assert.Equal(2, _pbx.LicencesInUse);
    }

    [Fact]
    public async Task MonitorStop_frees_licence()
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        _pbx.AddDevice("202");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        var first = await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device));
        await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("201"), MonitorType.Device));
        await client.RequestAsync<CstaErrorCode>(new MonitorStart(MonitorObject.Device("202"), MonitorType.Device));

        await client.RequestAsync<MonitorStopResponse>(new MonitorStop(first.MonitorCrossRefId));
        var third = await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("202"), MonitorType.Device));

        Assert.Equal(["201", "202"], _pbx.Monitors.Select(m => m.DeviceId));
        Assert.Equal(third.MonitorCrossRefId, _pbx.Monitors[1].MonitorCrossRefId);
        Assert.Equal(
            new CstaErrorCode("operation", "invalidMonitorCrossRefID"),
            await client.RequestAsync<CstaErrorCode>(new MonitorStop(first.MonitorCrossRefId)));
    }

    [Fact]
    public async Task Closing_connection_frees_licences()
    {
        _pbx.AddDevice("200");
        var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device));
        Assert.Equal(1, _pbx.LicencesInUse);

        await client.DisposeAsync();

        Assert.True(await WaitUntilAsync(() => _pbx.LicencesInUse == 0));
        Assert.Empty(_pbx.Monitors);
    }

    [Fact]
    public async Task SnapshotDevice_during_call()
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        _pbx.SetUserPresence("201", PbxUserPresence.Meeting);
        var callId = _pbx.Dial("200", "201");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        var ringing = await client.RequestAsync<SnapshotDeviceResponse>(new SnapshotDevice("201"));
        var idle = await client.RequestAsync<SnapshotDeviceResponse>(new SnapshotDevice("N<200!98>"));

        var item = Assert.Single(ringing.SnapshotData);
        Assert.Equal(new ConnectionId(callId, "201"), item.ConnectionIdentifier);
        Assert.Equal(LocalConnectionState.Alerting, item.LocalCallState.LocalConnectionState);
        Assert.Equal(new Mivo400UserPresenceData("201", Mivo400UserPresence.Meeting), ringing.UserPresence);
        Assert.Equal(LocalConnectionState.Connected, Assert.Single(idle.SnapshotData).LocalCallState.LocalConnectionState);
    }

    [Fact]
    public async Task Prefixed_namespace_with_schemaLocation_is_served()
    {
        _pbx.AddDevice("200");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        await client.SendXmlAsync(12, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <csta:MonitorStart xmlns:csta="{Ed5}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="{Ed5} monitor-start.xsd">
              <csta:monitorObject><csta:deviceObject>N&lt;200!98&gt;</csta:deviceObject></csta:monitorObject>
              <csta:monitorType>device</csta:monitorType>
            </csta:MonitorStart>
            """);
        var response = await client.ReceiveAsync();

        Assert.Equal(12, response.InvokeId);
        var started = Assert.IsType<MonitorStartResponse>(response.Message);
        Assert.Equal(new MonitorInfo("200", started.MonitorCrossRefId, _pbx.Monitors[0].Connection), Assert.Single(_pbx.Monitors));
    }

    [Fact]
    public async Task MonitorStart_without_monitorType_served()
    {
        _pbx.AddDevice("200");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        await client.SendXmlAsync(3, """
            <MonitorStart xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed4"><monitorObject><deviceObject>200</deviceObject></monitorObject></MonitorStart>
            """);
        var response = await client.ReceiveAsync();

        Assert.Equal(3, response.InvokeId);
        Assert.IsType<MonitorStartResponse>(response.Message);
    }

    [Fact]
    public async Task MakeCall_response_precedes_events()
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        var monitor = (await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device))).MonitorCrossRefId;

        var response = await client.RequestAsync<MakeCallResponse>(new MakeCall("200", "201"));
        var events = await client.ReceiveEventsAsync(3);

        var callId = response.CallingDevice.CallId!;
        Assert.Equal(new ConnectionId(callId, "200"), response.CallingDevice);
        Assert.Equal(
            new ServiceInitiatedEvent(monitor, new ConnectionId(callId, "200"), Known("200"), LocalConnectionState.Initiated, EventCause.MakeCall),
            events[0]);
        Assert.IsType<OriginatedEvent>(events[1]);
        Assert.IsType<DeliveredEvent>(events[2]);
    }

    [Fact]
    public async Task ClearConnection_with_only_device()
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        var callId = _pbx.Dial("200", "201");
        _pbx.Answer("201");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        var monitor = (await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("201"), MonitorType.Device))).MonitorCrossRefId;

        await client.SendXmlAsync(40, $"""
            <ClearConnection xmlns="{Ed5}"><connectionToBeCleared><deviceID>201</deviceID></connectionToBeCleared></ClearConnection>
            """);
        var response = await client.ReceiveAsync();
        var cleared = Assert.Single(await client.ReceiveEventsAsync(1));

        Assert.Equal(new CstaEnvelope(40, new ClearConnectionResponse()), response);
        Assert.Equal(new ConnectionClearedEvent(monitor, new ConnectionId(callId, "201"), Known("201"), LocalConnectionState.Null, EventCause.NormalClearing), cleared);
        Assert.Empty(_pbx.GetDevice("200").Calls);
    }

    [Fact]
    public async Task AnswerCall_and_state_errors()
    {
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        var callId = _pbx.Dial("200", "201");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        await client.RequestAsync<AnswerCallResponse>(new AnswerCall(new ConnectionId(callId, "201")));
        var again = await client.RequestAsync<CstaErrorCode>(new AnswerCall(new ConnectionId(callId, "201")));
        var busy = await client.RequestAsync<CstaErrorCode>(new MakeCall("200", "201"));
        var unknown = await client.RequestAsync<CstaErrorCode>(new MakeCall("999", "201"));

        Assert.Equal(ConnectionState.Connected, Assert.Single(_pbx.GetDevice("201").Calls).LocalState);
        Assert.Equal(new CstaErrorCode("stateIncompatibility", "noCallToAnswer"), again);
        Assert.Equal(new CstaErrorCode("stateIncompatibility", "invalidDeviceState"), busy);
        Assert.Equal(new CstaErrorCode("operation", "invalidCallingDeviceID"), unknown);
    }

    [Fact]
    public async Task DoNotDisturb_set_get_and_event()
    {
        _pbx.AddDevice("200");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        var monitor = (await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device))).MonitorCrossRefId;

        await client.RequestAsync<SetDoNotDisturbResponse>(new SetDoNotDisturb("200", true));
        var changed = Assert.Single(await client.ReceiveEventsAsync(1));
        var get = await client.RequestAsync<GetDoNotDisturbResponse>(new GetDoNotDisturb("200"));

        Assert.Equal(new DoNotDisturbEvent(monitor, "200", true), changed);
        Assert.True(get.DoNotDisturbOn);
        Assert.True(_pbx.GetDevice("200").DoNotDisturb);
    }

    [Fact]
    public async Task Presence_and_service_events()
    {
        _pbx.AddDevice("200");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        var monitor = (await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device))).MonitorCrossRefId;

        _pbx.SetUserPresence("200", PbxUserPresence.Absent);
        _pbx.SetInService("200", false);
        _pbx.SetInService("200", true);
        var events = await client.ReceiveEventsAsync(3);

        CstaEvent[] expected =
        [
            new UserPresenceEvent(monitor, "200", Mivo400UserPresence.Absent),
            new OutOfServiceEvent(monitor, "200", null),
            new BackInServiceEvent(monitor, "200", null),
        ];
        Assert.Equal(expected, events);
    }

    [Fact]
    public async Task Undecodable_request_gets_CSTAErrorCode()
    {
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);

        await client.SendXmlAsync(321, $"<MonitorStart xmlns=\"{Ed5}\"><monitorObject><deviceObject>200</deviceObject>");
        var malformed = await client.ReceiveAsync();
        await client.SendXmlAsync(322, $"<MonitorStart xmlns=\"{Ed5}\"><monitorType>device</monitorType></MonitorStart>");
        var missing = await client.ReceiveAsync();
        await client.SendXmlAsync(323, $"<DeflectCall xmlns=\"{Ed5}\"><callToBeDiverted><deviceID>200</deviceID></callToBeDiverted></DeflectCall>");
        var unknown = await client.ReceiveAsync();

        Assert.Equal(new CstaEnvelope(321, new CstaErrorCode("operation", "generic")), malformed);
        Assert.Equal(new CstaEnvelope(322, new CstaErrorCode("operation", "valueOutOfRange")), missing);
        Assert.Equal(new CstaEnvelope(323, new CstaErrorCode("operation", "serviceNotSupported")), unknown);
        Assert.Equal(["MonitorStart", "CSTAErrorCode"], _pbx.Trace.Take(2).Select(t => t.MessageName));
    }

    [Fact]
    public async Task Bad_frame_closes_only_its_connection()
    {
        await using var bad = await CstaTestClient.ConnectAsync(_pbx.Port);
        await using var good = await CstaTestClient.ConnectAsync(_pbx.Port);

        await bad.SendBytesAsync([0x12, 0x34, 0x00, 0x10, (byte)'0', (byte)'0', (byte)'0', (byte)'1', (byte)'<', (byte)'x', (byte)'/', (byte)'>', 0, 0, 0, 0]);

        Assert.True(await bad.IsClosedByServerAsync());
        await good.RequestAsync<SystemRegisterResponse>(new SystemRegister(true, false));
        await using var later = await CstaTestClient.ConnectAsync(_pbx.Port);
        await later.RequestAsync<SystemRegisterResponse>(new SystemRegister(true, false));
    }

    [Fact]
    public async Task DropAllConnections_closes_clients_and_frees_licences()
    {
        _pbx.AddDevice("200");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device));

        await _pbx.DropAllConnectionsAsync();

        Assert.True(await client.IsClosedByServerAsync());
        Assert.True(await WaitUntilAsync(() => _pbx.LicencesInUse == 0));
    }

    [Fact]
    public async Task Trace_records_requests_responses_and_events()
    {
        _pbx.AddDevice("200");
        await using var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        var monitor = (await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device))).MonitorCrossRefId;
        _pbx.SetDoNotDisturb("200", true);
        await client.ReceiveEventsAsync(1);

        var trace = _pbx.Trace;

        Assert.Equal(
            [
                (CstaTraceDirection.Received, 1, "MonitorStart", (string?)"200", (string?)null),
                (CstaTraceDirection.Sent, 1, "MonitorStartResponse", "200", monitor),
                (CstaTraceDirection.Sent, 9999, "DoNotDisturbEvent", "200", monitor),
            ],
            trace.Select(t => (t.Direction, t.InvokeId, t.MessageName, t.DeviceId, t.MonitorCrossRefId)));
        Assert.All(trace, t => Assert.Equal(_time.GetUtcNow(), t.Time));
    }

    [Fact]
    public async Task Concurrent_calls_keep_per_device_order()
    {
        const int Pairs = 10;
        const int CallsPerPair = 5;
        await using var pbx = await StartAsync(new PbxSimulatorOptions { Profile = PbxProfiles.MiVo400, Port = 0, SpeaksFirst = false });
        await using var client = await CstaTestClient.ConnectAsync(pbx.Port);
        var deviceOf = new Dictionary<string, string>();
        for (var i = 0; i < Pairs * 2; i++)
        {
            var dn = (300 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            pbx.AddDevice(dn);
            var monitor = await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device(dn), MonitorType.Device));
            deviceOf[monitor.MonitorCrossRefId] = dn;
        }

        var callers = Enumerable.Range(0, Pairs).Select(pair => Task.Run(() =>
        {
            var caller = (300 + (2 * pair)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var called = (301 + (2 * pair)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var call = 0; call < CallsPerPair; call++)
            {
                pbx.Dial(caller, called);
                pbx.Answer(called);
                pbx.Hangup(caller);
            }
        }));
        await Task.WhenAll(callers);
        var events = await client.ReceiveEventsAsync(Pairs * CallsPerPair * 8);

        string[] callerCycle = ["ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent", "EstablishedEvent", "ConnectionClearedEvent"];
        string[] calledCycle = ["DeliveredEvent", "EstablishedEvent", "ConnectionClearedEvent"];
        foreach (var perMonitor in events.GroupBy(e => e.MonitorCrossRefId))
        {
            var device = int.Parse(deviceOf[perMonitor.Key], System.Globalization.CultureInfo.InvariantCulture);
            var cycle = device % 2 == 0 ? callerCycle : calledCycle;
            var expected = Enumerable.Repeat(cycle, CallsPerPair).SelectMany(c => c);
            Assert.Equal(expected, perMonitor.Select(e => e.GetType().Name));
        }

        Assert.Equal(Pairs * 2, events.Select(e => e.MonitorCrossRefId).Distinct().Count());
    }

    private async Task<PbxSimulator> StartAsync(PbxSimulatorOptions options) =>
        await PbxSimulator.StartAsync(options, _time, NullLoggerFactory.Instance);

    private static ExtendedDeviceId Known(string device) => ExtendedDeviceId.Known(device);

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
