using PbxLab.Core.History;
using PbxLab.Core.Storage;

namespace PbxLab.Core.Tests.Storage;

/// <summary>
/// The contract every <see cref="ICallHistoryStore"/> must meet. Each concrete class gives a fresh,
/// empty database per test and can open a second store on the same database.
/// </summary>
public abstract class CallHistoryStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private ICallHistoryStore? _store;

    protected ICallHistoryStore Store => _store ?? throw new InvalidOperationException("The store is not open yet.");

    /// <summary>Opens a store on this test's database; the same database each time within a test.</summary>
    protected abstract ICallHistoryStore OpenStore();

    protected abstract Task DeleteDatabaseAsync();

    public async Task InitializeAsync()
    {
        _store = OpenStore();
        await _store.MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await DeleteDatabaseAsync();
    }

    [Fact]
    public async Task Upsert_returns_true_only_for_new_id()
    {
        var record = Record("call-1", Noon);

        Assert.True(await Store.UpsertAsync(record, CancellationToken.None));
        Assert.False(await Store.UpsertAsync(record with { Outcome = CallOutcome.Missed, AnsweredAt = null }, CancellationToken.None));

        var page = await QueryAsync("alice@contoso.com");
        var stored = Assert.Single(page.Records);
        Assert.Equal(CallOutcome.Missed, stored.Outcome);
        Assert.Null(stored.AnsweredAt);
    }

    [Fact]
    public async Task Replay_of_100_records_keeps_100()
    {
        var records = Enumerable.Range(0, 100).Select(index => Record($"call-{index:D3}", Noon.AddSeconds(index))).ToList();

        foreach (var record in records)
        {
            Assert.True(await Store.UpsertAsync(record, CancellationToken.None));
        }

        foreach (var record in records)
        {
            Assert.False(await Store.UpsertAsync(record, CancellationToken.None));
        }

        var page = await QueryAsync("alice@contoso.com", pageSize: 500);
        Assert.Equal(100, page.Records.Count);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task Concurrent_upserts_report_one_new()
    {
        var record = Record("call-1", Noon);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.UpsertAsync(record, CancellationToken.None))));

        Assert.Single(results, isNew => isNew);
        Assert.Single((await QueryAsync("alice@contoso.com")).Records);
    }

    [Fact]
    public async Task Query_returns_newest_first()
    {
        await Store.UpsertAsync(Record("b", Noon), CancellationToken.None);
        await Store.UpsertAsync(Record("a", Noon.AddMinutes(5)), CancellationToken.None);
        await Store.UpsertAsync(Record("c", Noon.AddMinutes(-5)), CancellationToken.None);
        await Store.UpsertAsync(Record("d", Noon), CancellationToken.None);
        await Store.UpsertAsync(Record("other", Noon, "bob@contoso.com"), CancellationToken.None);

        var page = await QueryAsync("alice@contoso.com");

        Assert.Equal(["a", "d", "b", "c"], page.Records.Select(record => record.RecordId));
    }

    [Fact]
    public async Task Time_filter_includes_from_excludes_to()
    {
        await Store.UpsertAsync(Record("before", Noon.AddMilliseconds(-1)), CancellationToken.None);
        await Store.UpsertAsync(Record("at-from", Noon), CancellationToken.None);
        await Store.UpsertAsync(Record("inside", Noon.AddMinutes(30)), CancellationToken.None);
        await Store.UpsertAsync(Record("before-to", Noon.AddHours(1).AddMilliseconds(-1)), CancellationToken.None);
        await Store.UpsertAsync(Record("at-to", Noon.AddHours(1)), CancellationToken.None);

        var both = await QueryAsync("alice@contoso.com", Noon, Noon.AddHours(1));
        var fromOnly = await QueryAsync("alice@contoso.com", from: Noon);
        var toOnly = await QueryAsync("alice@contoso.com", to: Noon.AddHours(1));

        Assert.Equal(["before-to", "inside", "at-from"], both.Records.Select(record => record.RecordId));
        Assert.Equal(["at-to", "before-to", "inside", "at-from"], fromOnly.Records.Select(record => record.RecordId));
        Assert.Equal(["before-to", "inside", "at-from", "before"], toOnly.Records.Select(record => record.RecordId));
    }

    [Fact]
    public async Task Time_filter_accepts_other_offsets()
    {
        await Store.UpsertAsync(Record("at-noon", Noon), CancellationToken.None);

        var paris = await QueryAsync("alice@contoso.com", new DateTimeOffset(2026, 12, 4, 13, 0, 0, TimeSpan.FromHours(1)), null);
        var afterParis = await QueryAsync("alice@contoso.com", new DateTimeOffset(2026, 12, 4, 13, 0, 0, 1, TimeSpan.FromHours(1)), null);

        Assert.Single(paris.Records);
        Assert.Empty(afterParis.Records);
    }

    [Fact]
    public async Task Pages_cover_ties_without_gaps()
    {
        // Seven records share one start time, so only record_id orders them within the tie.
        var expected = new List<string>();
        for (var index = 0; index < 7; index++)
        {
            await Store.UpsertAsync(Record($"tie-{index}", Noon), CancellationToken.None);
        }

        for (var index = 0; index < 5; index++)
        {
            await Store.UpsertAsync(Record($"early-{index}", Noon.AddMinutes(-1 - index)), CancellationToken.None);
        }

        expected.AddRange(Enumerable.Range(0, 7).Reverse().Select(index => $"tie-{index}"));
        expected.AddRange(Enumerable.Range(0, 5).Select(index => $"early-{index}"));

        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;
        do
        {
            var page = await QueryAsync("alice@contoso.com", pageSize: 3, pageToken: token);
            seen.AddRange(page.Records.Select(record => record.RecordId));
            pageSizes.Add(page.Records.Count);
            token = page.NextPageToken;
        }
        while (token is not null && pageSizes.Count < 10);

        Assert.Equal(expected, seen);
        Assert.Equal([3, 3, 3, 3], pageSizes);
    }

    [Fact]
    public async Task Page_token_keeps_the_time_filter()
    {
        for (var index = 0; index < 6; index++)
        {
            await Store.UpsertAsync(Record($"call-{index}", Noon.AddMinutes(index)), CancellationToken.None);
        }

        var first = await QueryAsync("alice@contoso.com", Noon.AddMinutes(1), Noon.AddMinutes(5), pageSize: 2);
        var second = await QueryAsync("alice@contoso.com", Noon.AddMinutes(1), Noon.AddMinutes(5), pageSize: 2, pageToken: first.NextPageToken);

        Assert.Equal(["call-4", "call-3"], first.Records.Select(record => record.RecordId));
        Assert.Equal(["call-2", "call-1"], second.Records.Select(record => record.RecordId));
        Assert.Null(second.NextPageToken);
    }

    [Fact]
    public async Task Email_match_ignores_case()
    {
        await Store.UpsertAsync(Record("call-1", Noon, "Alice.Smith@Contoso.com"), CancellationToken.None);

        var lower = await QueryAsync("alice.smith@contoso.com");
        var upper = await QueryAsync("ALICE.SMITH@CONTOSO.COM");

        Assert.Equal("Alice.Smith@Contoso.com", Assert.Single(lower.Records).UserEmail);
        Assert.Single(upper.Records);
    }

    [Fact]
    public async Task Every_field_round_trips()
    {
        var full = new CallRecord
        {
            RecordId = "pbx1:201:4711",
            UserEmail = "alice@contoso.com",
            Link = "pbx1",
            CallId = "4711",
            Direction = CallDirection.Incoming,
            LocalDevice = "201",
            RemoteNumber = "0033 1 23 45 67 89",
            RemoteNumberE164 = "+33123456789",
            RemoteName = "Zoë D'Arcy",
            RemoteNameSource = RemoteNameSource.Contact,
            IsInternal = false,
            StartedAt = new DateTimeOffset(2026, 12, 4, 13, 15, 30, 123, TimeSpan.FromHours(1)),
            AnsweredAt = new DateTimeOffset(2026, 12, 4, 12, 15, 35, 456, TimeSpan.Zero),
            EndedAt = new DateTimeOffset(2026, 12, 4, 12, 20, 0, 789, TimeSpan.Zero),
            Outcome = CallOutcome.TransferredAway,
        };
        var sparse = new CallRecord
        {
            RecordId = "pbx1:201:4712",
            UserEmail = "alice@contoso.com",
            Link = "pbx1",
            CallId = "4712",
            Direction = CallDirection.Outgoing,
            LocalDevice = "201",
            RemoteNumber = null,
            RemoteNumberE164 = null,
            RemoteName = null,
            RemoteNameSource = RemoteNameSource.Ambiguous,
            IsInternal = true,
            StartedAt = new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero),
            AnsweredAt = null,
            EndedAt = new DateTimeOffset(2026, 12, 4, 11, 0, 20, TimeSpan.Zero),
            Outcome = CallOutcome.Failed,
        };

        await Store.UpsertAsync(full, CancellationToken.None);
        await Store.UpsertAsync(sparse, CancellationToken.None);
        var page = await QueryAsync("alice@contoso.com");

        Assert.Equal([full, sparse], page.Records);
        Assert.Equal(TimeSpan.Zero, page.Records[0].StartedAt.Offset);
        Assert.Equal(full.Duration, page.Records[0].Duration);
    }

    [Fact]
    public async Task Every_enum_value_round_trips()
    {
        var index = 0;
        var expected = new List<CallRecord>();
        foreach (var outcome in Enum.GetValues<CallOutcome>())
        {
            foreach (var source in Enum.GetValues<RemoteNameSource>())
            {
                var direction = index % 2 == 0 ? CallDirection.Incoming : CallDirection.Outgoing;
                var record = Record($"call-{index:D3}", Noon.AddSeconds(-index)) with { Outcome = outcome, RemoteNameSource = source, Direction = direction };
                expected.Add(record);
                await Store.UpsertAsync(record, CancellationToken.None);
                index++;
            }
        }

        var page = await QueryAsync("alice@contoso.com", pageSize: 500);

        Assert.Equal(expected, page.Records);
    }

    [Fact]
    public async Task Times_keep_milliseconds_only()
    {
        var precise = Noon.AddTicks(1_234_567);

        await Store.UpsertAsync(Record("call-1", precise), CancellationToken.None);
        var stored = Assert.Single((await QueryAsync("alice@contoso.com")).Records);

        Assert.Equal(Noon.AddMilliseconds(123), stored.StartedAt);
    }

    [Fact]
    public async Task Open_calls_save_replace_delete_load()
    {
        await Store.SaveOpenCallAsync("pbx1:4711", "alice@contoso.com", """{"phase":"ringing"}""", CancellationToken.None);
        await Store.SaveOpenCallAsync("pbx1:4712", "bob@contoso.com", """{"phase":"connected"}""", CancellationToken.None);
        await Store.SaveOpenCallAsync("pbx1:4711", "alice@contoso.com", """{"phase":"connected"}""", CancellationToken.None);

        var both = await Store.LoadOpenCallsAsync(CancellationToken.None);
        await Store.DeleteOpenCallAsync("pbx1:4712", CancellationToken.None);
        await Store.DeleteOpenCallAsync("pbx1:missing", CancellationToken.None);
        var remaining = await Store.LoadOpenCallsAsync(CancellationToken.None);

        Assert.Equal(
            [
                new OpenCallState("pbx1:4711", "alice@contoso.com", """{"phase":"connected"}"""),
                new OpenCallState("pbx1:4712", "bob@contoso.com", """{"phase":"connected"}"""),
            ],
            both);
        Assert.Equal([new OpenCallState("pbx1:4711", "alice@contoso.com", """{"phase":"connected"}""")], remaining);
    }

    [Fact]
    public async Task Migrate_twice_is_a_no_op()
    {
        await Store.UpsertAsync(Record("call-1", Noon), CancellationToken.None);
        await Store.SaveOpenCallAsync("pbx1:1", "alice@contoso.com", "{}", CancellationToken.None);

        await Store.MigrateAsync(CancellationToken.None);
        await Store.MigrateAsync(CancellationToken.None);

        Assert.Single((await QueryAsync("alice@contoso.com")).Records);
        Assert.Single(await Store.LoadOpenCallsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reopened_store_keeps_everything()
    {
        var record = Record("call-1", Noon);
        await Store.UpsertAsync(record, CancellationToken.None);
        await Store.SaveOpenCallAsync("pbx1:2", "alice@contoso.com", "{\"a\":1}", CancellationToken.None);

        await using var reopened = OpenStore();
        await reopened.MigrateAsync(CancellationToken.None);
        var page = await reopened.QueryAsync(new CallHistoryQuery("alice@contoso.com", null, null, 50, null), CancellationToken.None);

        Assert.Equal([record], page.Records);
        Assert.Equal([new OpenCallState("pbx1:2", "alice@contoso.com", "{\"a\":1}")], await reopened.LoadOpenCallsAsync(CancellationToken.None));
        Assert.False(await reopened.UpsertAsync(record, CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(-1)]
    public async Task Page_size_outside_range_is_rejected(int pageSize)
    {
        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => QueryAsync("alice@contoso.com", pageSize: pageSize));

        Assert.Contains("1..500", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("djE6YWJjOmNhbGw")]
    [InlineData("eHl6")]
    public async Task Foreign_page_token_is_rejected(string token)
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => QueryAsync("alice@contoso.com", pageToken: token));

        Assert.Contains(token, exception.Message, StringComparison.Ordinal);
    }

    private Task<CallHistoryPage> QueryAsync(string email, DateTimeOffset? from = null, DateTimeOffset? to = null, int pageSize = 50, string? pageToken = null) =>
        Store.QueryAsync(new CallHistoryQuery(email, from, to, pageSize, pageToken), CancellationToken.None);

    private static CallRecord Record(string recordId, DateTimeOffset startedAt, string email = "alice@contoso.com") => new()
    {
        RecordId = recordId,
        UserEmail = email,
        Link = "pbx1",
        CallId = recordId,
        Direction = CallDirection.Incoming,
        LocalDevice = "201",
        RemoteNumber = "0123456789",
        RemoteNumberE164 = "+33123456789",
        RemoteName = "Bob Martin",
        RemoteNameSource = RemoteNameSource.Directory,
        IsInternal = false,
        StartedAt = startedAt,
        AnsweredAt = startedAt.AddSeconds(5),
        EndedAt = startedAt.AddSeconds(65),
        Outcome = CallOutcome.Answered,
    };
}
