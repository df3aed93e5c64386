using System.Net;

namespace PbxLab.Simulators.Tests.Graph;

public sealed class ThrottleTests : IAsyncLifetime
{
    private GraphTestServer _graph = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphTestServer.StartAsync();
        _token = await _graph.GetTokenAsync();
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private Task<HttpResponseMessage> GetPresenceAsync() =>
        _graph.SendGraphAsync(HttpMethod.Get, $"users/{GraphTestServer.Alice.Id}/presence", null, _token);

    [Fact]
    public async Task Next_n_requests_get_429()
    {
        _graph.Server.Faults.ThrottleNext(2, TimeSpan.FromSeconds(2.2));
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await GetPresenceAsync();
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var (code, message, innerError) = await GraphTestServer.ReadErrorAsync(response);
                Assert.Equal("TooManyRequests", code);
                Assert.Equal("Please retry again later.", message);
                Assert.Equal("429", innerError.GetProperty("status").GetString());
            }
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
        Assert.Equal("3", retryAfter);
        Assert.Equal(0, _graph.Server.Faults.ThrottleRemaining);
    }

    [Fact]
    public async Task Throttle_for_a_duration()
    {
        _graph.Server.Faults.ThrottleFor(TimeSpan.FromSeconds(30));

        using var during = await GetPresenceAsync();
        _graph.Time.Advance(TimeSpan.FromSeconds(29));
        using var stillDuring = await GetPresenceAsync();
        _graph.Time.Advance(TimeSpan.FromSeconds(1));
        using var after = await GetPresenceAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, during.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), during.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Token_endpoint_is_not_throttled()
    {
        _graph.Server.Faults.ThrottleNext(1);

        var token = await _graph.GetTokenAsync();
        using var graph = await GetPresenceAsync();

        Assert.NotEmpty(token);
        Assert.Equal(HttpStatusCode.TooManyRequests, graph.StatusCode);
    }

    [Fact]
    public async Task Records_keep_arrival_times()
    {
        _graph.Server.Faults.ThrottleNext(1, TimeSpan.FromSeconds(4));
        _graph.Server.ClearRequests();

        using var first = await GetPresenceAsync();
        _graph.Time.Advance(TimeSpan.FromSeconds(4));
        using var second = await GetPresenceAsync();

        var records = _graph.Server.Requests;
        Assert.Equal([429, 200], records.Select(record => record.Status));
        Assert.Equal("TooManyRequests", records[0].ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(4), records[1].ReceivedAt - records[0].ReceivedAt);
    }
}
