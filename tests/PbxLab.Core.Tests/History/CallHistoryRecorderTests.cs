using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.History;
using PbxLab.Core.Links;
using PbxLab.Core.Storage;
using PbxLab.Core.Tests.TestSupport;
using PbxLab.Csta.Messages;
using static PbxLab.Core.Tests.History.CallFlow;

namespace PbxLab.Core.Tests.History;

public sealed class CallHistoryRecorderTests
{
    private static readonly CallHistoryRecorderOptions Options = new(Devices)
    {
        PbxDevices = PbxDevices,
        InitialRetryDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(4),
    };

    private static readonly TableRemotePartyResolver Resolver = new(new Dictionary<string, RemoteParty>
    {
        [External] = new("+33123456789", "Jean Dupont", RemoteNameSource.Contact, []),
        [Alice] = new(null, "Alice Martin", RemoteNameSource.PbxDevice, []),
    });

    private static Task<CallHistoryRecorder> StartAsync(InMemoryCallHistoryStore store, FakeTimeProvider time, TableRemotePartyResolver? resolver = null) =>
        CallHistoryRecorder.StartAsync(Options, store, resolver ?? Resolver, time, NullLoggerFactory.Instance, CancellationToken.None);

    [Fact]
    public async Task Completed_call_is_resolved_and_stored()
    {
        var store = new InMemoryCallHistoryStore();
        var time = new FakeTimeProvider(T0);
        var resolver = new TableRemotePartyResolver(new Dictionary<string, RemoteParty>
        {
            [External] = new("+33123456789", "Jean Dupont", RemoteNameSource.Contact, []),
        });
        await using var recorder = await StartAsync(store, time, resolver);
        var stored = new List<CallRecord>();
        recorder.RecordStored += stored.Add;

        recorder.OnCallEvent(Link, Bob, Delivered(Bob, "7", Bob, External, Bob));
        time.Advance(TimeSpan.FromSeconds(4));
        recorder.OnCallEvent(Link, Bob, Established(Bob, "7", Bob, External, Bob));
        time.Advance(TimeSpan.FromSeconds(30));
        recorder.OnCallEvent(Link, Bob, Cleared(Bob, "7", External));
        await recorder.FlushAsync(CancellationToken.None);

        var record = Assert.Single(store.Records.Values);
        Assert.Equal(OpenCall.RecordIdFor(Link, "7", "bob@contoso.example", record.StartedAt), record.RecordId);
        Assert.Equal(External, record.RemoteNumber);
        Assert.Equal("+33123456789", record.RemoteNumberE164);
        Assert.Equal("Jean Dupont", record.RemoteName);
        Assert.Equal(RemoteNameSource.Contact, record.RemoteNameSource);
        Assert.False(record.IsInternal);
        Assert.Equal(TimeSpan.FromSeconds(30), record.Duration);
        Assert.Equal([record], stored);
        Assert.Equal([("bob@contoso.example", Link, External, false)], resolver.Requests);
        Assert.Equal(["save bob@contoso.example", "save bob@contoso.example", "upsert 201 Answered", "delete"], store.Writes);
        Assert.Empty(store.OpenCalls);
        Assert.Equal(1, store.MigrateCount);
    }

    [Fact]
    public async Task Internal_call_is_resolved_as_internal()
    {
        var store = new InMemoryCallHistoryStore();
        var time = new FakeTimeProvider(T0);
        var resolver = new TableRemotePartyResolver(new Dictionary<string, RemoteParty>
        {
            [Alice] = new(null, "Alice Martin", RemoteNameSource.PbxDevice, []),
        });
        await using var recorder = await StartAsync(store, time, resolver);

        recorder.OnCallEvent(Link, Bob, Delivered(Bob, "1", Bob, Alice, Bob));
        recorder.OnCallEvent(Link, Bob, Cleared(Bob, "1", Alice, local: LocalConnectionState.Alerting));
        await recorder.FlushAsync(CancellationToken.None);

        var record = Assert.Single(store.Records.Values);
        Assert.True(record.IsInternal);
        Assert.Equal("Alice Martin", record.RemoteName);
        Assert.Equal(RemoteNameSource.PbxDevice, record.RemoteNameSource);
        Assert.Equal(CallOutcome.Missed, record.Outcome);
        Assert.Equal([("bob@contoso.example", Link, Alice, true)], resolver.Requests);
    }

    [Fact]
    public async Task Failed_write_is_retried_with_back_off()
    {
        var store = new InMemoryCallHistoryStore();
        var time = new FakeTimeProvider(T0);
        await using var recorder = await StartAsync(store, time);
        var stored = new TaskCompletionSource<CallRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        recorder.RecordStored += record => stored.TrySetResult(record);
        store.FailNextWrites(2);

        recorder.OnCallEvent(Link, Bob, Delivered(Bob, "7", Bob, External, Bob));
        recorder.OnCallEvent(Link, Bob, CallCleared(Bob, "7"));

        // The retries wait 1 s, then 2 s, on the fake clock. The clock moves in quarter seconds,
        // because the writer may start its delay a moment after the test sees a failure.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!stored.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromMilliseconds(250));
        }

        var record = await stored.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(CallOutcome.Missed, record.Outcome);
        Assert.InRange(time.GetUtcNow() - T0, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
        Assert.Equal(["save bob@contoso.example", "upsert 201 failed", "upsert 201 failed", "upsert 201 Missed", "delete"], store.Writes);
    }

    [Fact]
    public async Task Restart_finishes_open_call_once()
    {
        var store = new InMemoryCallHistoryStore();
        var time = new FakeTimeProvider(T0);
        await using (var before = await StartAsync(store, time))
        {
            before.OnCallEvent(Link, Alice, ServiceInitiated("3", Alice));
            before.OnCallEvent(Link, Alice, Originated("3", Alice, External));
            time.Advance(TimeSpan.FromSeconds(10));
            before.OnCallEvent(Link, Alice, Established(Alice, "3", External, Alice, External));
            await before.FlushAsync(CancellationToken.None);
        }

        Assert.Single(store.OpenCalls);
        Assert.Empty(store.Records);

        time.Advance(TimeSpan.FromMinutes(5));
        await using var after = await StartAsync(store, time);
        Assert.Single(after.OpenCalls);
        after.OnCallEvent(Link, Alice, Cleared(Alice, "3", Alice));
        after.OnCallEvent(Link, Alice, CallCleared(Alice, "3"));
        await after.FlushAsync(CancellationToken.None);

        var record = Assert.Single(store.Records.Values);
        Assert.Equal(T0, record.StartedAt);
        Assert.Equal(TimeAt(10), record.AnsweredAt);
        Assert.Equal(TimeAt(310), record.EndedAt);
        Assert.Equal(TimeSpan.FromSeconds(300), record.Duration);
        Assert.Equal(CallDirection.Outgoing, record.Direction);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Empty(store.OpenCalls);
        Assert.Empty(after.OpenCalls);
    }

    // The core stopped after it stored the records of an ended call but before it deleted the
    // saved open calls (a crash, or a store that failed on the way down). On the next start the
    // records stand as stored: the resync snapshot must not end the call a second time, later.
    [Fact]
    public async Task Open_call_already_recorded_is_not_restored()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pbxlab-recorder-{Guid.NewGuid():N}.db");
        var time = new FakeTimeProvider(T0);
        try
        {
            IReadOnlyList<OpenCallState> leftOver;
            await using (var store = new SqliteCallHistoryStore(path, NullLogger<SqliteCallHistoryStore>.Instance))
            {
                await using var before = await CallHistoryRecorder.StartAsync(Options, store, Resolver, time, NullLoggerFactory.Instance, CancellationToken.None);
                before.OnCallEvent(Link, Alice, Delivered(Alice, "9", Bob, Alice, Bob));
                before.OnCallEvent(Link, Bob, Delivered(Bob, "9", Bob, Alice, Bob));
                time.Advance(TimeSpan.FromSeconds(5));
                before.OnCallEvent(Link, Alice, Established(Alice, "9", Bob, Alice, Bob));
                before.OnCallEvent(Link, Bob, Established(Bob, "9", Bob, Alice, Bob));
                await before.FlushAsync(CancellationToken.None);
                leftOver = await store.LoadOpenCallsAsync(CancellationToken.None);

                time.Advance(TimeSpan.FromSeconds(60));
                before.OnCallEvent(Link, Alice, Cleared(Alice, "9", Alice));
                before.OnCallEvent(Link, Bob, Cleared(Bob, "9", Alice, local: LocalConnectionState.Null));
                await before.FlushAsync(CancellationToken.None);
                Assert.Empty(await store.LoadOpenCallsAsync(CancellationToken.None));

                // The deletes of the saved open calls are lost.
                foreach (var state in leftOver)
                {
                    await store.SaveOpenCallAsync(state.Key, state.UserEmail, state.State, CancellationToken.None);
                }
            }

            Assert.Equal(2, leftOver.Count);
            time.Advance(TimeSpan.FromMinutes(10));
            await using (var store = new SqliteCallHistoryStore(path, NullLogger<SqliteCallHistoryStore>.Instance))
            {
                await using var after = await CallHistoryRecorder.StartAsync(Options, store, Resolver, time, NullLoggerFactory.Instance, CancellationToken.None);
                IPbxLinkSink sink = after;
                sink.OnLinkPhaseChanged(Link, PbxLinkPhase.Monitoring, "Starting monitors for 3 devices.");
                sink.OnDeviceSnapshot(Link, Alice, []);
                sink.OnDeviceSnapshot(Link, Bob, []);
                sink.OnCallEvent(Link, Bob, Cleared(Bob, "9", Alice, local: LocalConnectionState.Null));
                await after.FlushAsync(CancellationToken.None);

                Assert.Empty(after.OpenCalls);
                Assert.Empty(await store.LoadOpenCallsAsync(CancellationToken.None));
                foreach (var device in new[] { Alice, Bob })
                {
                    var page = await store.QueryAsync(new CallHistoryQuery(Email(device), null, null, 50, null), CancellationToken.None);
                    var record = Assert.Single(page.Records);
                    Assert.Equal(T0, record.StartedAt);
                    Assert.Equal(TimeAt(5), record.AnsweredAt);
                    Assert.Equal(TimeAt(65), record.EndedAt);
                    Assert.Equal(CallOutcome.Answered, record.Outcome);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Invalid_saved_open_call_is_skipped()
    {
        var store = new InMemoryCallHistoryStore();
        store.OpenCalls["broken"] = new OpenCallState("broken", "alice@contoso.example", "[1,2]");

        await using var recorder = await StartAsync(store, new FakeTimeProvider(T0));

        Assert.Empty(recorder.OpenCalls);
    }

    [Fact]
    public async Task Snapshot_after_reconnect_closes_missing_call()
    {
        var store = new InMemoryCallHistoryStore();
        var time = new FakeTimeProvider(T0);
        await using var recorder = await StartAsync(store, time);

        recorder.OnDeviceSnapshot(Link, Carol, [new DeviceCall("60", LocalConnectionState.Connected)]);
        time.Advance(TimeSpan.FromSeconds(45));
        recorder.OnDeviceSnapshot(Link, Carol, []);
        await recorder.FlushAsync(CancellationToken.None);

        var record = Assert.Single(store.Records.Values);
        Assert.Equal("60", record.CallId);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(45), record.Duration);
    }

    [Fact]
    public async Task Monitoring_phase_protects_new_calls()
    {
        var store = new InMemoryCallHistoryStore();
        var time = new FakeTimeProvider(T0);
        await using var recorder = await StartAsync(store, time);
        IPbxLinkSink sink = recorder;

        sink.OnLinkPhaseChanged(Link, PbxLinkPhase.Monitoring, "Starting monitors for 3 devices.");
        sink.OnCallEvent(Link, Carol, Delivered(Carol, "61", Carol, External, Carol));
        sink.OnDeviceSnapshot(Link, Carol, []);
        await recorder.FlushAsync(CancellationToken.None);

        Assert.Empty(store.Records);
        Assert.Equal("61", Assert.Single(recorder.OpenCalls).CallId);
    }
}
