using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.History;
using PbxLab.Core.Links;
using PbxLab.Csta.Messages;

namespace PbxLab.Core.Tests.History;

/// <summary>
/// Drives a <see cref="CallHistoryEngine"/> with hand-written CSTA event sequences on a fake
/// clock, and collects the records and open-call writes it emits, in order.
/// </summary>
internal sealed class CallFlow
{
    public const string Link = "pbx1";
    public const string Alice = "200";
    public const string Bob = "201";
    public const string Carol = "202";
    public const string Unmonitored = "210";
    public const string External = "0033123456789";

    public static readonly DateTimeOffset T0 = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<MonitoredDevice> Devices =
    [
        new(Link, Alice, "alice@contoso.example"),
        new(Link, Bob, "bob@contoso.example"),
        new(Link, Carol, "carol@contoso.example"),
    ];

    public static readonly IReadOnlyDictionary<string, IReadOnlyCollection<string>> PbxDevices =
        new Dictionary<string, IReadOnlyCollection<string>> { [Link] = [Unmonitored] };

    public CallFlow(FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(T0);
        Engine = new CallHistoryEngine(new CallHistoryDirectory(Devices, PbxDevices), Time);
    }

    public FakeTimeProvider Time { get; }

    public CallHistoryEngine Engine { get; }

    public List<CallRecord> Records { get; } = [];

    /// <summary>The open calls as a store would hold them after every step so far.</summary>
    public Dictionary<string, OpenCallState> SavedOpenCalls { get; } = [];

    public static string Email(string device) => Devices.Single(entry => entry.DeviceId == device).UserEmail;

    public static DateTimeOffset TimeAt(double seconds) => T0 + TimeSpan.FromSeconds(seconds);

    public static ExtendedDeviceId Dev(string number) => ExtendedDeviceId.Known(number);

    public static ConnectionId Conn(string callId, string device) => new(callId, device);

    public CallFlow At(double seconds)
    {
        Time.SetUtcNow(TimeAt(seconds) > Time.GetUtcNow() ? TimeAt(seconds) : Time.GetUtcNow());
        return this;
    }

    public CallFlow Send(string device, CstaEvent cstaEvent)
    {
        Collect(Engine.Apply(Link, device, cstaEvent));
        return this;
    }

    /// <summary>Sends the same event to the monitors of several devices, in the order given.</summary>
    public CallFlow SendTo(IEnumerable<string> devices, Func<string, CstaEvent> cstaEvent)
    {
        foreach (var device in devices)
        {
            Send(device, cstaEvent(device));
        }

        return this;
    }

    public CallFlow Snapshot(string device, params DeviceCall[] calls)
    {
        Collect(Engine.ApplySnapshot(Link, device, calls));
        return this;
    }

    public CallRecord RecordOf(string device) => Assert.Single(Records, record => record.LocalDevice == device);

    private void Collect(CallHistoryStep step)
    {
        foreach (var saved in step.Saved)
        {
            SavedOpenCalls[saved.Key] = saved;
        }

        Records.AddRange(step.Completed);
        foreach (var removed in step.Removed)
        {
            SavedOpenCalls.Remove(removed);
        }
    }

    // ECMA-323 events as a monitor of the given device sees them; "mon-" plus the device is its monitorCrossRefID.
    public static ServiceInitiatedEvent ServiceInitiated(string callId, string device, EventCause cause = EventCause.MakeCall) =>
        new($"mon-{device}", Conn(callId, device), Dev(device), LocalConnectionState.Initiated, cause);

    public static OriginatedEvent Originated(string callId, string calling, string called) =>
        new($"mon-{calling}", Conn(callId, calling), Dev(calling), Dev(called), LocalConnectionState.Connected, EventCause.NewCall);

    public static DeliveredEvent Delivered(string monitor, string callId, string alerting, string calling, string called, EventCause cause = EventCause.NewCall) =>
        new($"mon-{monitor}", Conn(callId, alerting), Dev(alerting), Dev(calling), Dev(called),
            monitor == alerting ? LocalConnectionState.Alerting : LocalConnectionState.Connected, cause);

    public static EstablishedEvent Established(string monitor, string callId, string answering, string calling, string called, EventCause cause = EventCause.NewCall) =>
        new($"mon-{monitor}", Conn(callId, answering), Dev(answering), Dev(calling), Dev(called), LocalConnectionState.Connected, cause);

    public static ConnectionClearedEvent Cleared(string monitor, string callId, string dropped, EventCause cause = EventCause.NormalClearing, LocalConnectionState? local = null) =>
        new($"mon-{monitor}", Conn(callId, dropped), Dev(dropped), local ?? (monitor == dropped ? LocalConnectionState.Null : LocalConnectionState.Connected), cause);

    public static CallClearedEvent CallCleared(string monitor, string callId, EventCause cause = EventCause.NormalClearing) =>
        new($"mon-{monitor}", new ConnectionId(callId, null), cause);

    public static FailedEvent Failed(string monitor, string callId, string failing, string calling, string called, EventCause cause) =>
        new($"mon-{monitor}", Conn(callId, failing), Dev(failing), Dev(calling), Dev(called), LocalConnectionState.Fail, cause);

    public static HeldEvent Held(string monitor, string callId, string holding) =>
        new($"mon-{monitor}", Conn(callId, holding), Dev(holding), monitor == holding ? LocalConnectionState.Hold : LocalConnectionState.Connected, EventCause.Normal);

    public static RetrievedEvent Retrieved(string monitor, string callId, string retrieving) =>
        new($"mon-{monitor}", Conn(callId, retrieving), Dev(retrieving), LocalConnectionState.Connected, EventCause.Normal);

    public static DivertedEvent Diverted(string monitor, string callId, string diverting, string newDestination, string calling, EventCause cause) =>
        new($"mon-{monitor}", Conn(callId, diverting), Dev(diverting), Dev(newDestination), Dev(calling), Dev(diverting),
            monitor == diverting ? LocalConnectionState.Null : LocalConnectionState.Connected, cause);
}
