using Microsoft.Extensions.Time.Testing;
using PbxLab.Csta.Messages;

namespace PbxLab.Csta.Tests;

public sealed class CorrelatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Response_completes_request_with_same_invoke_id()
    {
        using var correlator = new CstaRequestCorrelator(new FakeTimeProvider(), Timeout);
        var first = correlator.Begin(new MonitorStart(MonitorObject.Device("200"), MonitorType.Device));
        var second = correlator.Begin(new MonitorStart(MonitorObject.Device("201"), MonitorType.Device));

        Assert.True(correlator.TryComplete(second.InvokeId, new MonitorStartResponse("b")));
        Assert.True(correlator.TryComplete(first.InvokeId, new CstaErrorCode("systemResourceAvailibility", "overallMonitorLimitExceeded")));

        Assert.Equal(new MonitorStartResponse("b"), await second.Response);
        Assert.Equal(new CstaErrorCode("systemResourceAvailibility", "overallMonitorLimitExceeded"), await first.Response);
        Assert.Empty(correlator.PendingInvokeIds);
    }

    [Fact]
    public void Unknown_invoke_id_is_not_completed()
    {
        using var correlator = new CstaRequestCorrelator(new FakeTimeProvider(), Timeout);

        Assert.False(correlator.TryComplete(77, new MonitorStartResponse("x")));
    }

    [Fact]
    public async Task Request_times_out_on_time_provider()
    {
        var time = new FakeTimeProvider();
        using var correlator = new CstaRequestCorrelator(time, Timeout);
        var pending = correlator.Begin(new SnapshotDevice("200"));

        time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(pending.Response.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var exception = await Assert.ThrowsAsync<CstaRequestTimeoutException>(() => pending.Response);
        Assert.Equal($"SnapshotDevice with invoke id {pending.InvokeId:D4} got no response within 10 s.", exception.Message);
        Assert.False(correlator.TryComplete(pending.InvokeId, new SnapshotDeviceResponse([], null)));
    }

    [Fact]
    public async Task Disconnect_fails_all_naming_pending_ids()
    {
        using var correlator = new CstaRequestCorrelator(new FakeTimeProvider(), Timeout, new InvokeIdSequence(41));
        var first = correlator.Begin(new SnapshotDevice("200"));
        var second = correlator.Begin(new GetDoNotDisturb("200"));

        correlator.FailAll("Connection to 127.0.0.1:7001 closed while monitoring.");

        var exception = await Assert.ThrowsAsync<CstaConnectionLostException>(() => first.Response);
        Assert.Equal("Connection to 127.0.0.1:7001 closed while monitoring. Pending invoke ids: 0041, 0042.", exception.Message);
        Assert.Equal([41, 42], exception.PendingInvokeIds);
        await Assert.ThrowsAsync<CstaConnectionLostException>(() => second.Response);
    }

    [Fact]
    public void Pending_invoke_id_is_skipped_after_wrap()
    {
        using var correlator = new CstaRequestCorrelator(new FakeTimeProvider(), Timeout, new InvokeIdSequence(InvokeIdSequence.Last));
        var last = correlator.Begin(new SnapshotDevice("1"));
        var first = correlator.Begin(new SnapshotDevice("2"));

        Assert.Equal(9998, last.InvokeId);
        Assert.Equal(1, first.InvokeId);
    }

    [Fact]
    public void Invoke_ids_wrap_from_9998_to_1()
    {
        var sequence = new InvokeIdSequence(9997);

        Assert.Equal([9997, 9998, 1, 2], [sequence.Next(), sequence.Next(), sequence.Next(), sequence.Next()]);
    }

    [Fact]
    public void Invoke_ids_are_unique_across_threads()
    {
        var sequence = new InvokeIdSequence();
        var ids = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 9998, _ => ids.Add(sequence.Next()));

        Assert.Equal(9998, ids.Distinct().Count());
        Assert.Equal(1, ids.Min());
        Assert.Equal(9998, ids.Max());
    }
}
