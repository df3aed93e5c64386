using System.Text;
using CsCheck;
using PbxLab.Csta.Messages;
using PbxLab.Csta.Xml;

namespace PbxLab.Csta.Tests;

/// <summary>
/// The UTF-8 parser against the XmlReader reference: for generated messages of every type,
/// written in many equivalent XML forms and then damaged, both codecs must return equal
/// messages or equal errors.
/// </summary>
public sealed class ParserEquivalencePropertyTests
{
    // Any XML text, white space and surrogate pairs included; an all-white-space value makes a
    // required element empty, which both paths must reject alike.
    private static readonly Gen<string> Text = Gen.Select(
        Gen.String[Gen.Char["0123456789abcXYZ<>&!+;='\"éß中 \t\r\n"], 1, 20],
        Gen.Int[0, 5],
        (text, extra) => extra switch { 0 => text + "😀", 1 => "  " + text + "\n", _ => text });

    private static readonly Gen<string?> OptionalText = Gen.Frequency((1, Gen.Const((string?)null)), (4, Text.Select(value => (string?)value)));

    private static readonly Gen<ConnectionId> Connection =
        Gen.Select(OptionalText, OptionalText, (callId, deviceId) => new ConnectionId(callId, deviceId));

    private static readonly Gen<ConnectionId?> OptionalConnection =
        Gen.Frequency((1, Gen.Const((ConnectionId?)null)), (3, Connection.Select(value => (ConnectionId?)value)));

    private static readonly Gen<ExtendedDeviceId?> Device = Gen.OneOf(
        Gen.Const((ExtendedDeviceId?)null),
        Gen.Const((ExtendedDeviceId?)ExtendedDeviceId.NotKnown),
        Gen.Const((ExtendedDeviceId?)ExtendedDeviceId.Restricted),
        Text.Select(value => (ExtendedDeviceId?)ExtendedDeviceId.Known(value)));

    private static readonly Gen<LocalConnectionState?> State = Optional(Gen.Enum<LocalConnectionState>());

    private static readonly Gen<EventCause?> Cause = Optional(Gen.Enum<EventCause>());

    private static readonly Gen<bool?> Flag = Optional(Gen.Bool);

    private static readonly Gen<int?> Number = Optional(Gen.Int[0, 1000]);

    private static readonly Gen<SnapshotCallState> CallState = Gen.OneOf(
        Gen.Const(SnapshotCallState.Unknown),
        Gen.Enum<SimpleCallState>().Select(SnapshotCallState.Simple),
        Gen.Enum<LocalConnectionState>().Array[1, 3].Select(states => SnapshotCallState.Compound(states)));

    private static readonly Gen<ConnectionListItem> ConnectionItem =
        Gen.Select(OptionalConnection, OptionalConnection, OptionalText, (created, previous, endpoint) => new ConnectionListItem(created, previous, endpoint));

    private static readonly Gen<Mivo400UserPresenceData?> Presence = Gen.Frequency(
        (1, Gen.Const((Mivo400UserPresenceData?)null)),
        (2, Gen.Select(Text, Gen.Enum<Mivo400UserPresence>(), (device, presence) => (Mivo400UserPresenceData?)new Mivo400UserPresenceData(device, presence))));

    private static readonly Gen<CstaMessage> Requests = Gen.OneOf<CstaMessage>(
        Gen.Select(OptionalText, Gen.Enum<SystemStatusValue>(), (id, status) => new SystemStatus(id, status)),
        Gen.Select(Flag, Flag, (status, request) => new SystemRegister(status, request)),
        OptionalText.Select(id => new RequestSystemStatus(id)),
        Gen.Select(OptionalText, OptionalConnection, Optional(Gen.Enum<MonitorType>()), (device, call, type) => new MonitorStart(new MonitorObject(device, call), type)),
        Text.Select(id => new MonitorStop(id)),
        Text.Select(device => new SnapshotDevice(device)),
        Gen.Select(Text, Text, (calling, called) => new MakeCall(calling, called)),
        Connection.Select(connection => new AnswerCall(connection)),
        Connection.Select(connection => new ClearConnection(connection)),
        Gen.Select(Text, Gen.Bool, (device, on) => new SetDoNotDisturb(device, on)),
        Text.Select(device => new GetDoNotDisturb(device)),
        Connection.Select(connection => new HoldCall(connection)),
        Connection.Select(connection => new RetrieveCall(connection)),
        Gen.Select(Connection, Text, (existing, consulted) => new ConsultationCall(existing, consulted)),
        Gen.Select(Connection, Connection, (held, active) => new TransferCall(held, active)),
        Gen.Select(Connection, Connection, (held, active) => new ConferenceCall(held, active)),
        Gen.Select(Connection, Text, (active, target) => new SingleStepTransferCall(active, target)),
        Gen.Select(Text, Gen.Enum<ForwardingType>(), Gen.Bool, OptionalText, Number, Number,
            (device, type, on, target, count, duration) => new SetForwarding(device, type, on, target, count, duration)),
        Text.Select(device => new GetForwarding(device)));

    private static readonly Gen<CstaMessage> Responses = Gen.OneOf<CstaMessage>(
        Gen.Const<CstaMessage>(new SystemStatusResponse()),
        Text.Select(id => new SystemRegisterResponse(id)),
        Gen.Enum<SystemStatusValue>().Select(status => new RequestSystemStatusResponse(status)),
        Text.Select(id => new MonitorStartResponse(id)),
        Gen.Const<CstaMessage>(new MonitorStopResponse()),
        Gen.Select(Gen.Select(Connection, CallState, (connection, state) => new SnapshotDeviceItem(connection, state)).Array[0, 3], Presence,
            (items, presence) => new SnapshotDeviceResponse(items, presence)),
        Connection.Select(connection => new MakeCallResponse(connection)),
        Gen.Const<CstaMessage>(new AnswerCallResponse()),
        Gen.Const<CstaMessage>(new ClearConnectionResponse()),
        Gen.Const<CstaMessage>(new SetDoNotDisturbResponse()),
        Gen.Bool.Select(on => new GetDoNotDisturbResponse(on)),
        Gen.Const<CstaMessage>(new HoldCallResponse()),
        Gen.Const<CstaMessage>(new RetrieveCallResponse()),
        Connection.Select(connection => new ConsultationCallResponse(connection)),
        OptionalConnection.Select(connection => new TransferCallResponse(connection)),
        Connection.Select(connection => new ConferenceCallResponse(connection)),
        OptionalConnection.Select(connection => new SingleStepTransferCallResponse(connection)),
        Gen.Const<CstaMessage>(new SetForwardingResponse()),
        Gen.Select(Gen.Select(Gen.Enum<ForwardingType>(), Gen.Bool, OptionalText, (type, on, target) => new ForwardListItem(type, on, target)).Array[0, 3], Number, Number,
            (items, count, duration) => new GetForwardingResponse(items, count, duration)),
        Gen.Select(Gen.Int[0, CstaErrorCategories.All.Count - 1].Select(index => CstaErrorCategories.All.ElementAt(index)), Text,
            (category, value) => new CstaErrorCode(category, value)));

    private static readonly Gen<CstaMessage> CallEvents = Gen.OneOf<CstaMessage>(
        Gen.Select(Text, Connection, Device, State, Cause, (id, connection, initiating, state, cause) => new ServiceInitiatedEvent(id, connection, initiating, state, cause)),
        Gen.Select(Text, Connection, Device, Device, State, Cause, (id, connection, calling, called, state, cause) => new OriginatedEvent(id, connection, calling, called, state, cause)),
        Gen.Select(Text, Connection, Device, Device, Device, State, Cause, OptionalText,
            (id, connection, alerting, calling, called, state, cause, redirection) => new DeliveredEvent(id, connection, alerting, calling, called, state, cause) { LastRedirectionDevice = redirection }),
        Gen.Select(Text, Connection, Device, Device, Device, State, Cause,
            (id, connection, answering, calling, called, state, cause) => new EstablishedEvent(id, connection, answering, calling, called, state, cause)),
        Gen.Select(Text, Connection, Device, State, Cause, (id, connection, releasing, state, cause) => new ConnectionClearedEvent(id, connection, releasing, state, cause)),
        Gen.Select(Text, Connection, Device, Device, Device, State, Cause,
            (id, connection, failing, calling, called, state, cause) => new FailedEvent(id, connection, failing, calling, called, state, cause)),
        Gen.Select(Text, Connection, Device, State, Cause, (id, connection, holding, state, cause) => new HeldEvent(id, connection, holding, state, cause)),
        Gen.Select(Text, Connection, Device, State, Cause, (id, connection, retrieving, state, cause) => new RetrievedEvent(id, connection, retrieving, state, cause)),
        Gen.Select(Text, Connection, Cause, (id, connection, cause) => new CallClearedEvent(id, connection, cause)),
        Gen.Select(Text, Connection, Device, Device, Device, Device, State, Cause,
            (id, connection, diverting, destination, calling, called, state, cause) => new DivertedEvent(id, connection, diverting, destination, calling, called, state, cause)),
        Gen.Select(Text, Connection, OptionalConnection, Device, Device, ConnectionItem.Array[0, 3], State, Cause,
            (id, primary, secondary, transferring, target, items, state, cause) => new TransferedEvent(id, primary, secondary, transferring, target, items, state, cause)),
        Gen.Select(Text, Connection, OptionalConnection, Device, Device, ConnectionItem.Array[0, 3], State, Cause,
            (id, primary, secondary, conferencing, added, items, state, cause) => new ConferencedEvent(id, primary, secondary, conferencing, added, items, state, cause)));

    private static readonly Gen<CstaMessage> OtherEvents = Gen.OneOf<CstaMessage>(
        Gen.Select(Text, Text, Gen.Bool, (id, device, on) => new DoNotDisturbEvent(id, device, on)),
        Gen.Select(Text, OptionalText, Cause, (id, device, cause) => new OutOfServiceEvent(id, device, cause)),
        Gen.Select(Text, OptionalText, Cause, (id, device, cause) => new BackInServiceEvent(id, device, cause)),
        Gen.Select(Text, Text, Gen.Enum<Mivo400UserPresence>(), (id, device, presence) => new UserPresenceEvent(id, device, presence)),
        Gen.Select(Text, Text, Gen.Enum<ForwardingType>(), Gen.Bool, OptionalText, Number, Number,
            (id, device, type, on, target, count, duration) => new ForwardingEvent(id, device, type, on, target, count, duration)));

    private static readonly Gen<CstaMessage> Message = Gen.OneOf(Requests, Responses, CallEvents, OtherEvents);

    [Fact]
    public void Generators_cover_every_sample_message_type()
    {
        var generated = new HashSet<Type>();
        Message.Sample(message => { generated.Add(message.GetType()); }, iter: 5000);

        foreach (var sample in SampleMessages.All)
        {
            Assert.Contains(sample.GetType(), generated);
        }
    }

    [Fact]
    public void Rewritten_messages_decode_alike()
    {
        Gen.Select(Message, Gen.Enum<CstaEdition>(), Gen.Int).Sample((message, edition, seed) =>
        {
            var body = XmlVariations.Rewrite(new CstaXmlCodec(edition).Encode(message), seed);

            AssertSameOutcome(body);
        }, iter: 3000);
    }

    [Fact]
    public void Damaged_messages_fail_alike()
    {
        Gen.Select(Message, Gen.Int, Gen.Int, Gen.Int[0, 5]).Sample((message, seed, position, damage) =>
        {
            var body = Damage(XmlVariations.Rewrite(new CstaXmlCodec(CstaEdition.Ed5).Encode(message), seed), position, damage);

            AssertSameOutcome(body, malformedMessagesMayDiffer: true);
        }, iter: 3000);
    }

    /// <summary>
    /// Decodes with both parsers and asserts equal messages, or equal reasons and (unless the
    /// XML is malformed and the parsers word it differently) equal error messages.
    /// </summary>
    internal static void AssertSameOutcome(byte[] body, bool malformedMessagesMayDiffer = false)
    {
        var fast = Outcome(CstaXmlParser.Utf8, body);
        var reference = Outcome(CstaXmlParser.XmlReader, body);
        var xml = Encoding.UTF8.GetString(body);

        Assert.True(fast.Error?.Reason == reference.Error?.Reason, $"Utf8: {Describe(fast)}\nXmlReader: {Describe(reference)}\nBody: {xml}");
        Assert.Equal(reference.Message, fast.Message);
        if (fast.Error is { } error && !(malformedMessagesMayDiffer && error.Reason == CstaRejectReason.MalformedXml))
        {
            Assert.Equal(reference.Error!.Message, error.Message);
            Assert.Equal(reference.Error.RootElementName, error.RootElementName);
        }
    }

    internal static (CstaMessage? Message, CstaDecodeException? Error) Outcome(CstaXmlParser parser, byte[] body)
    {
        try
        {
            return (new CstaXmlCodec(CstaEdition.Ed5, parser).Decode(body), null);
        }
        catch (CstaDecodeException exception)
        {
            return (null, exception);
        }
    }

    private static string Describe((CstaMessage? Message, CstaDecodeException? Error) outcome) =>
        outcome.Error is { } error ? $"{error.Reason}: {error.Message}" : $"{outcome.Message}";

    // One kind of damage at a position: cut the body short, drop a byte, insert a markup
    // character, a control character or a stray non-ASCII letter, or repeat a slice.
    private static byte[] Damage(byte[] body, int position, int damage)
    {
        var at = (int)((uint)position % (uint)(body.Length + 1));
        var declaration = body.AsSpan().IndexOf("<?xml"u8);
        if (damage == 4 && declaration is 0 or 3)
        {
            // XmlReader accepts or rejects non-ASCII in the XML declaration depending on where it
            // falls; the UTF-8 parser always rejects it (a test of its own checks that).
            at = Math.Max(at, body.AsSpan().IndexOf("?>"u8) + 2);
        }

        byte[] inserted = damage switch
        {
            2 => [(byte)"<>&/\"=;#!-?]:x "[at % 15]],
            3 => [0x01],
            4 => "é"u8.ToArray(),
            _ => [],
        };

        return damage switch
        {
            0 => body[..at],
            1 when at < body.Length => [.. body[..at], .. body[(at + 1)..]],
            5 => [.. body[..at], .. body[(at / 2)..at], .. body[at..]],
            _ => [.. body[..at], .. inserted, .. body[at..]],
        };
    }

    private static Gen<T?> Optional<T>(Gen<T> gen)
        where T : struct =>
        Gen.Frequency((1, Gen.Const((T?)null)), (3, gen.Select(value => (T?)value)));
}
