using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.Api;
using PbxLab.Core.Configuration;
using PbxLab.Core.History;
using PbxLab.Core.Storage;

namespace PbxLab.Core.Tests.Api;

/// <summary>The REST API over real loopback HTTP, backed by a SQLite store in a temporary folder.</summary>
public sealed class CoreApiServerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pbxlab-api-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(Noon.AddHours(3));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private SqliteCallHistoryStore? _store;
    private CoreApiServer? _server;

    private SqliteCallHistoryStore Store => _store!;

    private CoreApiServer Server => _server!;

    public async Task InitializeAsync()
    {
        _store = new SqliteCallHistoryStore(Path.Combine(_folder, "history.db"), NullLogger<SqliteCallHistoryStore>.Instance);
        await _store.MigrateAsync(CancellationToken.None);
        _server = await CoreApiServer.StartAsync(new ApiOptions { Port = 0 }, _store, new TestSpeedDials(), _time, NullLoggerFactory.Instance, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Server_binds_loopback_by_default()
    {
        Assert.Equal("127.0.0.1", Server.BaseAddress.Host);
        Assert.NotEqual(0, Server.BaseAddress.Port);
    }

    [Fact]
    public async Task Health_reports_ok()
    {
        var (status, body) = await GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("2026-12-04T15:00:00.000Z", body.GetProperty("time").GetString());
    }

    [Fact]
    public async Task Call_history_shows_every_field()
    {
        await Store.UpsertAsync(Record("pbx1:201:1", Noon) with { RemoteName = null, RemoteNameSource = RemoteNameSource.None }, CancellationToken.None);

        var (status, body) = await GetAsync("api/users/Alice@Contoso.com/call-history");

        Assert.Equal(HttpStatusCode.OK, status);
        var record = Assert.Single(body.GetProperty("value").EnumerateArray().ToList());
        Assert.Equal("pbx1:201:1", record.GetProperty("recordId").GetString());
        Assert.Equal("alice@contoso.com", record.GetProperty("userEmail").GetString());
        Assert.Equal("pbx1", record.GetProperty("link").GetString());
        Assert.Equal("pbx1:201:1", record.GetProperty("callId").GetString());
        Assert.Equal("incoming", record.GetProperty("direction").GetString());
        Assert.Equal("201", record.GetProperty("localDevice").GetString());
        Assert.Equal("0123456789", record.GetProperty("remoteNumber").GetString());
        Assert.Equal("+33123456789", record.GetProperty("remoteNumberE164").GetString());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("remoteName").ValueKind);
        Assert.Equal("none", record.GetProperty("remoteNameSource").GetString());
        Assert.False(record.GetProperty("isInternal").GetBoolean());
        Assert.Equal("2026-12-04T12:00:00.000Z", record.GetProperty("startedAt").GetString());
        Assert.Equal("2026-12-04T12:00:05.000Z", record.GetProperty("answeredAt").GetString());
        Assert.Equal("2026-12-04T12:01:05.500Z", record.GetProperty("endedAt").GetString());
        Assert.Equal("PT1M0.5S", record.GetProperty("duration").GetString());
        Assert.Equal(60.5, record.GetProperty("durationSeconds").GetDouble());
        Assert.Equal("transferredAway", record.GetProperty("outcome").GetString());
        Assert.False(body.TryGetProperty("@nextLink", out _));
    }

    [Fact]
    public async Task NextLink_pages_through_everything()
    {
        var expected = new List<string>();
        for (var index = 0; index < 7; index++)
        {
            // Two records per minute, so pages split ties on startedAt.
            var id = $"call-{index}";
            await Store.UpsertAsync(Record(id, Noon.AddMinutes(index / 2)), CancellationToken.None);
        }

        expected.AddRange(["call-6", "call-5", "call-4", "call-3", "call-2", "call-1", "call-0"]);

        var seen = new List<string>();
        var url = "api/users/alice@contoso.com/call-history?pageSize=3&from=2026-12-04T00:00:00Z";
        var pages = 0;
        while (url is not null && pages < 10)
        {
            var (status, body) = await GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(body.GetProperty("value").EnumerateArray().Select(record => record.GetProperty("recordId").GetString()!));
            url = body.TryGetProperty("@nextLink", out var next) ? next.GetString() : null;
            if (url is not null)
            {
                var link = new Uri(url);
                Assert.Equal(Server.BaseAddress.Authority, link.Authority);
                Assert.Contains("pageSize=3", link.Query, StringComparison.Ordinal);
                Assert.Contains("from=2026-12-04T00", link.Query, StringComparison.Ordinal);
            }

            pages++;
        }

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Time_filter_is_from_inclusive_to_exclusive()
    {
        await Store.UpsertAsync(Record("before", Noon.AddMinutes(-1)), CancellationToken.None);
        await Store.UpsertAsync(Record("at-from", Noon), CancellationToken.None);
        await Store.UpsertAsync(Record("at-to", Noon.AddHours(1)), CancellationToken.None);

        var (status, body) = await GetAsync("api/users/alice@contoso.com/call-history?from=2026-12-04T13:00:00%2B01:00&to=2026-12-04T13:00:00Z");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["at-from"], body.GetProperty("value").EnumerateArray().Select(record => record.GetProperty("recordId").GetString()));
    }

    [Theory]
    [InlineData("from=yesterday", "from", "yesterday")]
    [InlineData("to=2026-13-45T00:00:00Z", "to", "2026-13-45T00:00:00Z")]
    [InlineData("from=2026-12-04T12:00:00Z&to=2026-12-04T11:00:00Z", "to", "2026-12-04T11:00:00Z")]
    [InlineData("pageSize=0", "pageSize", "0")]
    [InlineData("pageSize=501", "pageSize", "501")]
    [InlineData("pageSize=ten", "pageSize", "ten")]
    [InlineData("pageToken=bm90LWEtdG9rZW4", "pageToken", "bm90LWEtdG9rZW4")]
    [InlineData("pageToken=%25%25", "pageToken", "%%")]
    [InlineData("pageSize=5&pageSize=6", "pageSize", "5,6")]
    public async Task Bad_query_parameter_is_400(string query, string parameter, string value)
    {
        var (status, body) = await GetAsync($"api/users/alice@contoso.com/call-history?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal("invalidParameter", error.GetProperty("code").GetString());
        Assert.Equal(parameter, error.GetProperty("parameter").GetString());
        Assert.Equal(value, error.GetProperty("value").GetString());
        Assert.Contains(";", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_email_is_400()
    {
        var (status, body) = await GetAsync("api/users/not-an-email/call-history");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("email", body.GetProperty("error").GetProperty("parameter").GetString());
        Assert.Equal("not-an-email", body.GetProperty("error").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Speed_dials_show_eligibility()
    {
        var (status, body) = await GetAsync("api/users/alice@contoso.com/speed-dials");

        Assert.Equal(HttpStatusCode.OK, status);
        var entries = body.GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);

        Assert.Equal("Bob Martin", entries[0].GetProperty("displayName").GetString());
        Assert.True(entries[0].GetProperty("eligible").GetBoolean());
        Assert.Equal("AVAILABLE", entries[0].GetProperty("status").GetString());
        var numbers = entries[0].GetProperty("numbers").EnumerateArray().ToList();
        Assert.Equal(2, numbers.Count);
        Assert.Equal("business", numbers[0].GetProperty("type").GetString());
        Assert.Equal("01 23 45 67 89", numbers[0].GetProperty("number").GetString());
        Assert.Equal("+33123456789", numbers[0].GetProperty("e164").GetString());
        Assert.Equal("mobile", numbers[1].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, numbers[1].GetProperty("e164").ValueKind);

        Assert.Equal("No Number", entries[1].GetProperty("displayName").GetString());
        Assert.False(entries[1].GetProperty("eligible").GetBoolean());
        Assert.Equal("NOT AVAILABLE", entries[1].GetProperty("status").GetString());
        Assert.Empty(entries[1].GetProperty("numbers").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_user_speed_dials_is_404()
    {
        var (status, body) = await GetAsync("api/users/mallory@contoso.com/speed-dials");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("userNotFound", body.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("mallory@contoso.com", body.GetProperty("error").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Other_users_records_stay_hidden()
    {
        await Store.UpsertAsync(Record("alice-call", Noon), CancellationToken.None);

        var (status, body) = await GetAsync("api/users/bob@contoso.com/call-history");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body.GetProperty("value").EnumerateArray());
    }

    [Fact]
    public async Task Unknown_user_call_history_is_404()
    {
        var (status, body) = await GetAsync("api/users/mallory@contoso.com/call-history?pageSize=10");

        Assert.Equal(HttpStatusCode.NotFound, status);
        var error = body.GetProperty("error");
        Assert.Equal("userNotFound", error.GetProperty("code").GetString());
        Assert.Equal("email", error.GetProperty("parameter").GetString());
        Assert.Equal("mallory@contoso.com", error.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Store_failure_is_503_with_reason()
    {
        await using var failing = await CoreApiServer.StartAsync(new ApiOptions { Port = 0 }, new UnreachableStore(), new TestSpeedDials(), _time, NullLoggerFactory.Instance, CancellationToken.None);

        using var response = await _http.GetAsync(new Uri(failing.BaseAddress, "api/users/alice@contoso.com/call-history"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal("storeUnavailable", error.GetProperty("code").GetString());
        Assert.Equal(UnreachableStore.Reason, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unknown_path_is_404()
    {
        using var response = await _http.GetAsync(new Uri(Server.BaseAddress, "api/nothing"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Bind_that_is_not_an_ip_is_rejected()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => CoreApiServer.StartAsync(new ApiOptions { Bind = "localhost", Port = 0 }, Store, new TestSpeedDials(), _time, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains("'localhost'", exception.Message, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string relativeOrAbsolute)
    {
        var uri = Uri.TryCreate(relativeOrAbsolute, UriKind.Absolute, out var absolute) ? absolute : new Uri(Server.BaseAddress, relativeOrAbsolute);
        using var response = await _http.GetAsync(uri);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return (response.StatusCode, document.RootElement.Clone());
    }

    private static CallRecord Record(string recordId, DateTimeOffset startedAt) => new()
    {
        RecordId = recordId,
        UserEmail = "alice@contoso.com",
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
        EndedAt = startedAt.AddSeconds(65.5),
        Outcome = CallOutcome.TransferredAway,
    };

    /// <summary>A store whose database is down: every query fails as a real store does when it cannot connect.</summary>
    private sealed class UnreachableStore : ICallHistoryStore
    {
        public const string Reason = "Could not connect to PostgreSQL at 127.0.0.1:1/pbxlab_test as pbxlab, schema pbxlab (connection refused).";

        public Task MigrateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> UpsertAsync(CallRecord record, CancellationToken cancellationToken) => throw new CallHistoryStoreException(Reason);

        public Task<CallHistoryPage> QueryAsync(CallHistoryQuery query, CancellationToken cancellationToken) => throw new CallHistoryStoreException(Reason);

        public Task SaveOpenCallAsync(string key, string userEmail, string state, CancellationToken cancellationToken) => throw new CallHistoryStoreException(Reason);

        public Task DeleteOpenCallAsync(string key, CancellationToken cancellationToken) => throw new CallHistoryStoreException(Reason);

        public Task<IReadOnlyList<OpenCallState>> LoadOpenCallsAsync(CancellationToken cancellationToken) => throw new CallHistoryStoreException(Reason);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Two known users: alice, with one dialable contact and one without numbers, and bob, with none.</summary>
    private sealed class TestSpeedDials : ISpeedDialSource
    {
        public Task<IReadOnlyList<SpeedDialEntry>?> GetSpeedDialsAsync(string userEmail, CancellationToken cancellationToken)
        {
            if (string.Equals(userEmail, "bob@contoso.com", StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult<IReadOnlyList<SpeedDialEntry>?>([]);
            }

            if (!string.Equals(userEmail, "alice@contoso.com", StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult<IReadOnlyList<SpeedDialEntry>?>(null);
            }

            IReadOnlyList<SpeedDialEntry> entries =
            [
                new("Bob Martin", true, [new(SpeedDialNumberType.Business, "01 23 45 67 89", "+33123456789"), new(SpeedDialNumberType.Mobile, "#31#", null)]),
                new("No Number", false, []),
            ];
            return Task.FromResult<IReadOnlyList<SpeedDialEntry>?>(entries);
        }
    }
}
