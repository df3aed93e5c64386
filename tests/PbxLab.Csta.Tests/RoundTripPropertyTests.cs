using CsCheck;
using PbxLab.Csta.Channels;
using PbxLab.Csta.Framing;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

public sealed class RoundTripPropertyTests
{
    // Text values avoid leading and trailing white space (the decoder trims element text) but
    // include XML markup characters and non-ASCII letters, which the writer must escape.
    private static readonly Gen<string> Text = Gen.String[Gen.Char["0123456789abcXYZ<>&!+;='\"éß中"], 1, 24];

    private static readonly Gen<string?> OptionalText = Gen.Frequency((1, Gen.Const((string?)null)), (3, Text.Select(value => (string?)value)));

    private static readonly Gen<ConnectionId> Connection =
        Gen.Select(OptionalText, Text, (callId, deviceId) => new ConnectionId(callId, deviceId));

    private static readonly Gen<ExtendedDeviceId?> Device = Gen.OneOf(
        Gen.Const((ExtendedDeviceId?)null),
        Gen.Const((ExtendedDeviceId?)ExtendedDeviceId.NotKnown),
        Gen.Const((ExtendedDeviceId?)ExtendedDeviceId.Restricted),
        Text.Select(value => (ExtendedDeviceId?)ExtendedDeviceId.Known(value)));

    private static readonly Gen<LocalConnectionState?> State =
        Gen.Frequency((1, Gen.Const((LocalConnectionState?)null)), (4, Gen.Enum<LocalConnectionState>().Select(value => (LocalConnectionState?)value)));

    private static readonly Gen<EventCause?> Cause =
        Gen.Frequency((1, Gen.Const((EventCause?)null)), (4, Gen.Enum<EventCause>().Select(value => (EventCause?)value)));

    private static readonly Gen<SnapshotCallState> CallState = Gen.OneOf(
        Gen.Const(SnapshotCallState.Unknown),
        Gen.Enum<SimpleCallState>().Select(SnapshotCallState.Simple),
        Gen.Enum<LocalConnectionState>().Array[1, 3].Select(states => SnapshotCallState.Compound(states)));

    private static readonly Gen<ConnectionListItem> ConnectionItem =
        Gen.Select(Connection, Connection, OptionalText, (created, previous, endpoint) => new ConnectionListItem(created, previous, endpoint));

    private static readonly Gen<CstaMessage> Message = Gen.OneOf<CstaMessage>(
        Gen.Select(OptionalText, Gen.Enum<SystemStatusValue>(), (id, status) => (CstaMessage)new SystemStatus(id, status)),
        Gen.Select(Text, Gen.Enum<MonitorType>(), (device, type) => (CstaMessage)new MonitorStart(MonitorObject.Device(device), type)),
        Text.Select(id => (CstaMessage)new MonitorStartResponse(id)),
        Gen.Select(Text, Text, (calling, called) => (CstaMessage)new MakeCall(calling, called)),
        Connection.Select(connection => (CstaMessage)new ClearConnection(connection)),
        Gen.Select(Text, Gen.Bool, (device, on) => (CstaMessage)new SetDoNotDisturb(device, on)),
        Gen.Select(Gen.Int[0, CstaErrorCategories.All.Count - 1].Select(index => CstaErrorCategories.All.ElementAt(index)), Text, (category, value) => (CstaMessage)new CstaErrorCode(category, value)),
        Gen.Select(Text, Connection, Device, Device, Device, State, Cause,
            (id, connection, alerting, calling, called, state, cause) => (CstaMessage)new DeliveredEvent(id, connection, alerting, calling, called, state, cause)),
        Gen.Select(Text, Connection, Device, State, Cause,
            (id, connection, releasing, state, cause) => (CstaMessage)new ConnectionClearedEvent(id, connection, releasing, state, cause)),
        Gen.Select(Text, Text, Gen.Bool, (id, device, on) => (CstaMessage)new DoNotDisturbEvent(id, device, on)),
        Gen.Select(Text, Connection, Connection, Device, Device, ConnectionItem.Array[0, 3], State, Cause,
            (id, primary, secondary, transferring, transferredTo, items, state, cause) => (CstaMessage)new TransferedEvent(id, primary, secondary, transferring, transferredTo, items, state, cause)),
        Gen.Select(Text, Text, Gen.Enum<Mivo400UserPresence>(), (id, device, presence) => (CstaMessage)new UserPresenceEvent(id, device, presence)),
        Gen.Select(Gen.Select(Connection, CallState, (connection, state) => new SnapshotDeviceItem(connection, state)).Array[0, 4], Text, Gen.Enum<Mivo400UserPresence>(), Gen.Bool,
            (items, device, presence, withPresence) => (CstaMessage)new SnapshotDeviceResponse(items, withPresence ? new Mivo400UserPresenceData(device, presence) : null)));

    [Fact]
    public void Encode_then_decode_returns_message()
    {
        Gen.Select(Message, Gen.Enum<CstaEdition>()).Sample((message, edition) =>
        {
            var codec = new CstaXmlCodec(edition);

            var decoded = codec.Decode(codec.Encode(message));

            Assert.Equal(message, decoded);
        }, iter: 2000);
    }

    [Fact]
    public void Random_bytes_never_throw_from_decoder()
    {
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            var channel = new DotNetty.Transport.Channels.Embedded.EmbeddedChannel(new CstaFrameDecoder(new CstaXmlCodec(CstaEdition.Ed5)));

            channel.WriteInbound(DotNetty.Buffers.Unpooled.WrappedBuffer(bytes));

            while (channel.ReadInbound<object>() is { } message)
            {
                Assert.True(message is CstaEnvelope or CstaUndecodableFrame);
            }
        }, iter: 2000);
    }

    [Fact]
    public void Random_bodies_decode_or_reject_cleanly()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            try
            {
                new CstaXmlCodec(CstaEdition.Ed5).Decode(bytes);
            }
            catch (CstaDecodeException exception)
            {
                Assert.False(string.IsNullOrEmpty(exception.Message));
            }
        }, iter: 2000);
    }
}
