using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Csta.Messages;
using PbxLab.Simulators.Pbx;
using PbxLab.Simulators.Pbx.Engine;
using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Tests.Pbx;

// The call-feature events as XML over loopback TCP: children in ECMA-323 schema order, and the requests that drive them.
public sealed class CstaCallFeatureServerTests : IAsyncLifetime
{
    private const string Ed5 = "http://www.ecma-international.org/standards/ecma-323/csta/ed5";

    private readonly FakeTimeProvider _time = new();
    private PbxSimulator _pbx = null!;

    public async Task InitializeAsync()
    {
        _pbx = await PbxSimulator.StartAsync(
            new PbxSimulatorOptions { Profile = PbxProfiles.MiVo400, Port = 0, SpeaksFirst = false }, _time, NullLoggerFactory.Instance);
        _pbx.AddDevice("200");
        _pbx.AddDevice("201");
        _pbx.AddDevice("202");
    }

    public async Task DisposeAsync() => await _pbx.DisposeAsync();

    [Fact]
    public async Task Held_event_in_schema_order()
    {
        await using var client = await MonitoredClientAsync("201");
        var callId = _pbx.Dial("200", "201");
        _pbx.Answer("201");
        _pbx.Hold("200");

        var held = await ReceiveRawUntilAsync(client, "HeldEvent");

        AssertInOrder(
            held.Xml,
            $"<HeldEvent xmlns=\"{Ed5}\">",
            "<monitorCrossRefID>",
            $"<heldConnection><callID>{callId}</callID><deviceID>200</deviceID></heldConnection>",
            "<holdingDevice><deviceIdentifier>200</deviceIdentifier></holdingDevice>",
            "<localConnectionInfo>connected</localConnectionInfo>",
            "<cause>normal</cause>");
    }

    [Fact]
    public async Task Transfered_event_in_schema_order()
    {
        await using var client = await MonitoredClientAsync("200");
        var first = _pbx.Dial("200", "201");
        _pbx.Answer("201");
        var second = _pbx.Consult("201", "202");
        _pbx.Answer("202");
        _pbx.Transfer("201");

        var transfered = await ReceiveRawUntilAsync(client, "TransferedEvent");

        AssertInOrder(
            transfered.Xml,
            $"<TransferedEvent xmlns=\"{Ed5}\">",
            "<monitorCrossRefID>",
            $"<primaryOldCall><callID>{first}</callID><deviceID>201</deviceID></primaryOldCall>",
            $"<secondaryOldCall><callID>{second}</callID><deviceID>201</deviceID></secondaryOldCall>",
            "<transferringDevice><deviceIdentifier>201</deviceIdentifier></transferringDevice>",
            "<transferredToDevice><deviceIdentifier>202</deviceIdentifier></transferredToDevice>",
            "<transferredConnections>",
            $"<newConnection><callID>{first}</callID><deviceID>202</deviceID></newConnection>",
            $"<oldConnection><callID>{second}</callID><deviceID>202</deviceID></oldConnection>",
            "</transferredConnections>",
            "<localConnectionInfo>connected</localConnectionInfo>",
            "<cause>transfer</cause>");
    }

    [Fact]
    public async Task Conferenced_event_in_schema_order()
    {
        await using var client = await MonitoredClientAsync("202");
        var first = _pbx.Dial("200", "201");
        _pbx.Answer("201");
        var second = _pbx.Consult("201", "202");
        _pbx.Answer("202");
        _pbx.Conference("201");

        var conferenced = await ReceiveRawUntilAsync(client, "ConferencedEvent");

        AssertInOrder(
            conferenced.Xml,
            $"<ConferencedEvent xmlns=\"{Ed5}\">",
            "<monitorCrossRefID>",
            $"<primaryOldCall><callID>{first}</callID><deviceID>201</deviceID></primaryOldCall>",
            $"<secondaryOldCall><callID>{second}</callID><deviceID>201</deviceID></secondaryOldCall>",
            "<conferencingDevice><deviceIdentifier>201</deviceIdentifier></conferencingDevice>",
            "<addedParty><deviceIdentifier>202</deviceIdentifier></addedParty>",
            "<conferenceConnections>",
            "</conferenceConnections>",
            "<localConnectionInfo>connected</localConnectionInfo>",
            "<cause>conference</cause>");
    }

    [Fact]
    public async Task SetForwarding_raises_event_then_diverts()
    {
        await using var diverting = await MonitoredClientAsync("201");
        await using var destination = await MonitoredClientAsync("202");
        await using var control = await CstaTestClient.ConnectAsync(_pbx.Port);

        await control.RequestAsync<SetForwardingResponse>(new SetForwarding("201", ForwardingType.ForwardImmediate, true, "202"));
        var forwarding = await diverting.ReceiveRawAsync();
        var callId = _pbx.Dial("200", "201");
        var diverted = await diverting.ReceiveRawAsync();
        var delivered = await destination.ReceiveRawAsync();
        var list = await control.RequestAsync<GetForwardingResponse>(new GetForwarding("201"));

        AssertInOrder(
            forwarding.Xml,
            $"<ForwardingEvent xmlns=\"{Ed5}\">",
            "<monitorCrossRefID>",
            "<device>201</device>",
            "<forwardingType>forwardImmediate</forwardingType>",
            "<forwardStatus>true</forwardStatus>",
            "<forwardTo>202</forwardTo>");
        AssertInOrder(
            diverted.Xml,
            $"<DivertedEvent xmlns=\"{Ed5}\">",
            $"<connection><callID>{callId}</callID><deviceID>201</deviceID></connection>",
            "<divertingDevice><deviceIdentifier>201</deviceIdentifier></divertingDevice>",
            "<newDestination><deviceIdentifier>202</deviceIdentifier></newDestination>",
            "<callingDevice><deviceIdentifier>200</deviceIdentifier></callingDevice>",
            "<calledDevice><deviceIdentifier>201</deviceIdentifier></calledDevice>",
            "<localConnectionInfo>null</localConnectionInfo>",
            "<cause>callForwardImmediate</cause>");
        AssertInOrder(
            delivered.Xml,
            $"<DeliveredEvent xmlns=\"{Ed5}\">",
            "<alertingDevice><deviceIdentifier>202</deviceIdentifier></alertingDevice>",
            "<lastRedirectionDevice><numberDialed>201</numberDialed></lastRedirectionDevice>",
            "<localConnectionInfo>alerting</localConnectionInfo>",
            "<cause>callForwardImmediate</cause>");
        Assert.Contains(new ForwardListItem(ForwardingType.ForwardImmediate, true, "202"), list.ForwardingList);
        Assert.Contains(new ForwardListItem(ForwardingType.ForwardBusy, false, null), list.ForwardingList);
    }

    [Fact]
    public async Task Hold_consult_transfer_requests()
    {
        await using var control = await CstaTestClient.ConnectAsync(_pbx.Port);
        var first = _pbx.Dial("200", "201");
        _pbx.Answer("201");

        await control.RequestAsync<HoldCallResponse>(new HoldCall(new ConnectionId(first, "201")));
        var heldState = Assert.Single(_pbx.GetDevice("201").Calls).LocalState;
        await control.RequestAsync<RetrieveCallResponse>(new RetrieveCall(new ConnectionId(first, "201")));
        var consultation = await control.RequestAsync<ConsultationCallResponse>(new ConsultationCall(new ConnectionId(first, "201"), "202"));
        _pbx.Answer("202");
        var snapshot = await control.RequestAsync<SnapshotDeviceResponse>(new SnapshotDevice("201"));
        var transferred = await control.RequestAsync<TransferCallResponse>(
            new TransferCall(new ConnectionId(first, "201"), consultation.InitiatedCall));
        var noHeldCall = await control.RequestAsync<CstaErrorCode>(new RetrieveCall(new ConnectionId(null, "200")));

        Assert.Equal(ConnectionState.Hold, heldState);
        Assert.Equal("201", consultation.InitiatedCall.DeviceId);
        Assert.Equal(
            [
                SnapshotCallState.Compound(LocalConnectionState.Hold, LocalConnectionState.Connected),
                SnapshotCallState.Compound(LocalConnectionState.Connected, LocalConnectionState.Connected),
            ],
            snapshot.SnapshotData.Select(item => item.LocalCallState));
        Assert.Equal(first, transferred.TransferredCall?.CallId);
        Assert.Empty(_pbx.GetDevice("201").Calls);
        Assert.Equal(new CstaErrorCode("stateIncompatibility", "noHeldCall"), noHeldCall);
    }

    [Fact]
    public async Task Withheld_caller_written_restricted()
    {
        await using var client = await MonitoredClientAsync("201");
        _pbx.IncomingExternalCall(PbxNumbers.Restricted, "201");

        var delivered = await client.ReceiveRawAsync();

        Assert.Contains("<callingDevice><restricted /></callingDevice>", delivered.Xml.Replace("<restricted/>", "<restricted />", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private async Task<CstaTestClient> MonitoredClientAsync(string device)
    {
        var client = await CstaTestClient.ConnectAsync(_pbx.Port);
        await client.RequestAsync<MonitorStartResponse>(new MonitorStart(MonitorObject.Device(device), MonitorType.Device));
        return client;
    }

    // Reads at most 20 frames; the sequences in these tests are shorter.
    private static async Task<RawCstaFrame> ReceiveRawUntilAsync(CstaTestClient client, string rootName)
    {
        for (var i = 0; i < 20; i++)
        {
            var frame = await client.ReceiveRawAsync();
            if (frame.Xml.Contains($"<{rootName} ", StringComparison.Ordinal))
            {
                return frame;
            }
        }

        throw new InvalidOperationException($"No {rootName} within 20 frames.");
    }

    private static void AssertInOrder(string xml, params string[] parts)
    {
        var position = 0;
        foreach (var part in parts)
        {
            var found = xml.IndexOf(part, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{part}' is missing after position {position} in {xml}");
            position = found + part.Length;
        }
    }
}
