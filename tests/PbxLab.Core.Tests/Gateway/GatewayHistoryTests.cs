using System.Collections.Concurrent;
using System.Text.Json;
using PbxLab.Core.Configuration;
using PbxLab.Core.History;
using PbxLab.Core.Links;
using PbxLab.Core.Numbers;
using PbxLab.Core.Tests.TestSupport;
using PbxLab.Csta.Messages;
using static PbxLab.Core.Tests.History.CallFlow;

namespace PbxLab.Core.Tests.Gateway;

/// <summary>
/// The gateway's call history end to end: CSTA events from a link, the directory loaded from
/// Graph, the SQLite store and the REST API. The events are those the PBX simulator sends for the
/// same actions, with alice on device 201 and bob on device 202.
/// </summary>
public sealed class GatewayHistoryTests
{
    private const string AliceDevice = "201";
    private const string BobDevice = "202";
    private const string CarolDevice = "203";
    private const string CallId = "00000001";

    /// <summary>Directory load finished (DirectoryLog.Loaded).</summary>
    private const int DirectoryLoadedEventId = 6500;

    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Link_dial_plan_reads_external_numbers()
    {
        var zurich = new PbxLinkConfiguration("pbx1", "127.0.0.1", 7001, "mivo400") { DialPlan = new DialPlan("CH", "0", "0", "00") };
        await using var bed = await GatewayTestBed.StartAsync(
            server => server.AddUser("id-desk", "desk@contoso.com", "desk@contoso.com", "Front Desk Zurich", "+41 44 668 18 00"),
            options => options.With(links: [zurich]));
        await bed.WaitForLogAsync(DirectoryLoadedEventId);
        var stored = Collect(bed);

        // A Swiss PBX presents the national number 044 668 18 00 behind its trunk access code 0.
        var sink = bed.Link().Sink;
        sink.OnCallEvent("pbx1", BobDevice, Delivered(BobDevice, CallId, BobDevice, "00446681800", BobDevice));
        sink.OnCallEvent("pbx1", BobDevice, Cleared(BobDevice, CallId, "00446681800", local: LocalConnectionState.Null));
        await Eventually.HoldsAsync(() => !stored.IsEmpty, "one call record stored");

        var record = Assert.Single(stored);
        Assert.Equal("+41446681800", record.RemoteNumberE164);
        Assert.Equal("Front Desk Zurich", record.RemoteName);
        Assert.Equal(RemoteNameSource.Directory, record.RemoteNameSource);
    }

    [Fact]
    public async Task Internal_caller_named_by_entra_display_name()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            configure: options => options.WithUsers(("alice@contoso.com", AliceDevice), ("bob@contoso.com", BobDevice), ("carol@contoso.com", CarolDevice)));
        await bed.WaitForLogAsync(DirectoryLoadedEventId);
        var stored = Collect(bed);

        // Alice calls Bob and hangs up before he answers; then Carol, who is not in Entra, does the same.
        var sink = bed.Link().Sink;
        foreach (var (caller, callId) in new[] { (AliceDevice, "00000001"), (CarolDevice, "00000002") })
        {
            sink.OnCallEvent("pbx1", BobDevice, Delivered(BobDevice, callId, BobDevice, caller, BobDevice));
            sink.OnCallEvent("pbx1", BobDevice, Cleared(BobDevice, callId, caller, local: LocalConnectionState.Null));
        }

        await Eventually.HoldsAsync(() => stored.Count >= 2, "two call records stored");

        var records = stored.OrderBy(record => record.CallId).ToList();
        Assert.Equal(["Alice", "carol@contoso.com"], records.Select(record => record.RemoteName));
        Assert.All(records, record => Assert.Equal(RemoteNameSource.PbxDevice, record.RemoteNameSource));
        Assert.All(records, record => Assert.True(record.IsInternal));
    }

    // The gateway stops during an answered call and a new one starts on the same SQLite file. The
    // link's resync snapshot still lists the call, and the hang-up arrives as events.
    [Fact]
    public async Task Restart_mid_call_keeps_one_record_per_user()
    {
        var history = new HistoryStoreOptions { SqlitePath = TemporaryDatabase() };
        try
        {
            await AnswerAliceToBobAsync(history);

            await using var after = await GatewayTestBed.StartAsync(configure: options => options.With(history: history));
            after.Time.SetUtcNow(GatewayTestBed.Start + TimeSpan.FromMinutes(2));
            var stored = Collect(after);
            IPbxLinkSink sink = after.Link().Sink;
            sink.OnLinkPhaseChanged("pbx1", PbxLinkPhase.Monitoring, "Starting monitors for 2 devices.");
            sink.OnDeviceSnapshot("pbx1", AliceDevice, [new DeviceCall(CallId, LocalConnectionState.Connected)]);
            sink.OnDeviceSnapshot("pbx1", BobDevice, [new DeviceCall(CallId, LocalConnectionState.Connected)]);

            after.Time.SetUtcNow(GatewayTestBed.Start + TimeSpan.FromMinutes(5));
            sink.OnCallEvent("pbx1", AliceDevice, Cleared(AliceDevice, CallId, AliceDevice));
            sink.OnCallEvent("pbx1", BobDevice, Cleared(BobDevice, CallId, AliceDevice, local: LocalConnectionState.Null));
            await Eventually.HoldsAsync(() => stored.Count >= 2, "a call record for alice and bob");

            var ended = GatewayTestBed.Start + TimeSpan.FromMinutes(5);
            AssertOneAnsweredRecord(await ReadHistoryAsync(after, "alice@contoso.com"), "outgoing", BobDevice, ended);
            AssertOneAnsweredRecord(await ReadHistoryAsync(after, "bob@contoso.com"), "incoming", AliceDevice, ended);
        }
        finally
        {
            File.Delete(history.SqlitePath);
        }
    }

    // The call ends while no gateway runs, so the gateway learns of it only from the resync
    // snapshot, which no longer lists it. The end time is when the gateway learnt it.
    [Fact]
    public async Task Call_ended_while_stopped_closed_by_snapshot()
    {
        var history = new HistoryStoreOptions { SqlitePath = TemporaryDatabase() };
        try
        {
            await AnswerAliceToBobAsync(history);

            await using var after = await GatewayTestBed.StartAsync(configure: options => options.With(history: history));
            after.Time.SetUtcNow(GatewayTestBed.Start + TimeSpan.FromMinutes(10));
            var stored = Collect(after);
            IPbxLinkSink sink = after.Link().Sink;
            sink.OnLinkPhaseChanged("pbx1", PbxLinkPhase.Monitoring, "Starting monitors for 2 devices.");
            sink.OnDeviceSnapshot("pbx1", AliceDevice, []);
            sink.OnDeviceSnapshot("pbx1", BobDevice, []);
            await Eventually.HoldsAsync(() => stored.Count >= 2, "a call record for alice and bob");

            // A second resync and a late event for the same call change nothing.
            after.Time.Advance(TimeSpan.FromMinutes(1));
            sink.OnLinkPhaseChanged("pbx1", PbxLinkPhase.Monitoring, "Starting monitors for 2 devices.");
            sink.OnDeviceSnapshot("pbx1", AliceDevice, []);
            sink.OnCallEvent("pbx1", BobDevice, Cleared(BobDevice, CallId, AliceDevice, local: LocalConnectionState.Null));
            await Eventually.SettleAsync();

            var ended = GatewayTestBed.Start + TimeSpan.FromMinutes(10);
            Assert.Equal(2, stored.Count);
            AssertOneAnsweredRecord(await ReadHistoryAsync(after, "alice@contoso.com"), "outgoing", BobDevice, ended);
            AssertOneAnsweredRecord(await ReadHistoryAsync(after, "bob@contoso.com"), "incoming", AliceDevice, ended);
        }
        finally
        {
            File.Delete(history.SqlitePath);
        }
    }

    // The PBX simulator's Dial 201 to 202, then Answer at 202 five seconds later; then the gateway stops.
    private static async Task AnswerAliceToBobAsync(HistoryStoreOptions history)
    {
        await using var before = await GatewayTestBed.StartAsync(configure: options => options.With(history: history));
        var sink = before.Link().Sink;
        sink.OnCallEvent("pbx1", AliceDevice, ServiceInitiated(CallId, AliceDevice));
        sink.OnCallEvent("pbx1", AliceDevice, Originated(CallId, AliceDevice, BobDevice));
        sink.OnCallEvent("pbx1", AliceDevice, Delivered(AliceDevice, CallId, BobDevice, AliceDevice, BobDevice));
        sink.OnCallEvent("pbx1", BobDevice, Delivered(BobDevice, CallId, BobDevice, AliceDevice, BobDevice));

        before.Time.Advance(TimeSpan.FromSeconds(5));
        sink.OnCallEvent("pbx1", AliceDevice, Established(AliceDevice, CallId, BobDevice, AliceDevice, BobDevice));
        sink.OnCallEvent("pbx1", BobDevice, Established(BobDevice, CallId, BobDevice, AliceDevice, BobDevice));
    }

    private static void AssertOneAnsweredRecord(JsonElement history, string direction, string remoteNumber, DateTimeOffset endedAt)
    {
        var record = Assert.Single(history.GetProperty("value").EnumerateArray().ToList());
        Assert.Equal(CallId, record.GetProperty("callId").GetString());
        Assert.Equal(direction, record.GetProperty("direction").GetString());
        Assert.Equal(remoteNumber, record.GetProperty("remoteNumber").GetString());
        Assert.Equal("answered", record.GetProperty("outcome").GetString());
        Assert.Equal(Iso(GatewayTestBed.Start), record.GetProperty("startedAt").GetString());
        Assert.Equal(Iso(GatewayTestBed.Start + TimeSpan.FromSeconds(5)), record.GetProperty("answeredAt").GetString());
        Assert.Equal(Iso(endedAt), record.GetProperty("endedAt").GetString());
    }

    private static async Task<JsonElement> ReadHistoryAsync(GatewayTestBed bed, string email)
    {
        var body = await Http.GetStringAsync(new Uri(bed.Host.ApiBaseAddress, $"api/users/{email}/call-history"));
        return JsonDocument.Parse(body).RootElement;
    }

    private static ConcurrentQueue<CallRecord> Collect(GatewayTestBed bed)
    {
        var stored = new ConcurrentQueue<CallRecord>();
        bed.Host.CallRecordStored += stored.Enqueue;
        return stored;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string TemporaryDatabase() => Path.Combine(Path.GetTempPath(), $"pbxlab-restart-{Guid.NewGuid():N}.db");
}
