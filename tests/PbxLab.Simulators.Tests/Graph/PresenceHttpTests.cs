using System.Net;
using System.Text.Json;
using PbxLab.Simulators.Graph.Teams;

namespace PbxLab.Simulators.Tests.Graph;

public sealed class PresenceHttpTests : IAsyncLifetime
{
    private const string SessionId = GraphTestServer.ClientId;

    private GraphTestServer _graph = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphTestServer.StartAsync();
        _token = await _graph.GetTokenAsync();
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string path, string json, string? token = null) =>
        _graph.SendGraphAsync(HttpMethod.Post, path, json, token ?? _token);

    private Task<HttpResponseMessage> GetAsync(string path, string? token = null) =>
        _graph.SendGraphAsync(HttpMethod.Get, path, null, token ?? _token);

    private static string SetPresenceBody(string availability = "Busy", string activity = "InACall", string? expiration = "PT1H") =>
        JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["sessionId"] = SessionId,
            ["availability"] = availability,
            ["activity"] = activity,
            ["expirationDuration"] = expiration,
        });

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? message = null)
    {
        Assert.Equal(status, response.StatusCode);
        var (actualCode, actualMessage, _) = await GraphTestServer.ReadErrorAsync(response);
        Assert.Equal(code, actualCode);
        if (message is not null)
        {
            Assert.Equal(message, actualMessage);
        }
    }

    [Fact]
    public async Task SetPresence_then_get_by_id_and_upn()
    {
        using var set = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setPresence", SetPresenceBody());
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        using var byId = await GetAsync($"users/{GraphTestServer.Alice.Id}/presence");
        using var byUpn = await GetAsync("users/ALICE@contoso.com/presence");
        using var communications = await GetAsync($"communications/presences/{GraphTestServer.Alice.Id}");

        foreach (var response in new[] { byId, byUpn, communications })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await GraphTestServer.ReadJsonAsync(response);
            Assert.Equal(GraphTestServer.Alice.Id, json.GetProperty("id").GetString());
            Assert.Equal("Busy", json.GetProperty("availability").GetString());
            Assert.Equal("InACall", json.GetProperty("activity").GetString());
            Assert.StartsWith(_graph.Server.GraphBaseAddress + "$metadata#", json.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SetPresence_case_and_default_expiry()
    {
        using var set = await PostAsync("users/alice@contoso.com/presence/setPresence", SetPresenceBody("donotdisturb", "PRESENTING", expiration: null));

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var session = _graph.Server.GetAppSession("alice@contoso.com", SessionId);
        Assert.NotNull(session);
        Assert.Equal("DoNotDisturb", session.Availability);
        Assert.Equal("Presenting", session.Activity);
        Assert.Equal(GraphTestServer.Start.AddMinutes(5), session.ExpiresAt);
    }

    [Theory]
    [InlineData("PT4M")]
    [InlineData("PT4H1M")]
    [InlineData("P1D")]
    [InlineData("-PT10M")]
    public async Task SetPresence_expiration_out_of_range(string expiration)
    {
        using var response = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setPresence", SetPresenceBody(expiration: expiration));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "InvalidArgument", "The provided [ExpirationDuration] is out of range.");
        Assert.Null(_graph.Server.GetAppSession(GraphTestServer.Alice.Id, SessionId));
    }

    [Theory]
    [InlineData("PT5M")]
    [InlineData("PT4H")]
    public async Task SetPresence_expiration_bounds_accepted(string expiration)
    {
        using var response = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setPresence", SetPresenceBody(expiration: expiration));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Busy", "Busy")]
    [InlineData("Available", "InACall")]
    [InlineData("DoNotDisturb", "DoNotDisturb")]
    [InlineData("BeRightBack", "BeRightBack")]
    public async Task SetPresence_invalid_pair_rejected(string availability, string activity)
    {
        using var response = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setPresence", SetPresenceBody(availability, activity));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (code, message, _) = await GraphTestServer.ReadErrorAsync(response);
        Assert.Equal("BadRequest", code);
        Assert.Contains($"'{availability}/{activity}'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"availability\":\"Busy\",\"activity\":\"InACall\"}", "'sessionId'")]
    [InlineData("{\"sessionId\":\"\",\"availability\":\"Busy\",\"activity\":\"InACall\"}", "'sessionId'")]
    [InlineData("{\"sessionId\":\"s\",\"activity\":\"InACall\"}", "'availability'")]
    [InlineData("{\"sessionId\":\"s\",\"availability\":\"Busy\",\"activity\":\"InACall\",\"expirationDuration\":\"1 hour\"}", "'1 hour'")]
    [InlineData("{\"sessionId\":42,\"availability\":\"Busy\",\"activity\":\"InACall\"}", "'sessionId'")]
    [InlineData("{\"sessionId\":\"s\",", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("", "is empty")]
    public async Task SetPresence_bad_body_names_the_problem(string body, string fragment)
    {
        using var response = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setPresence", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (code, message, _) = await GraphTestServer.ReadErrorAsync(response);
        Assert.Equal("BadRequest", code);
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearPresence_removes_session_then_404()
    {
        using var set = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setPresence", SetPresenceBody());
        var clearBody = $"{{\"sessionId\":\"{SessionId}\"}}";

        using var first = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/clearPresence", clearBody);
        using var second = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/clearPresence", clearBody);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(PresenceView.Offline, _graph.Server.GetPresence(GraphTestServer.Alice.Id));
        await AssertErrorAsync(second, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task ClearPresence_of_expired_session_is_404()
    {
        using var set = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setPresence", SetPresenceBody(expiration: "PT5M"));
        _graph.Time.Advance(TimeSpan.FromMinutes(5));

        using var clear = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/clearPresence", $"{{\"sessionId\":\"{SessionId}\"}}");

        await AssertErrorAsync(clear, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task Preferred_presence_set_and_clear()
    {
        _graph.Server.SetTeamsClient(GraphTestServer.Alice.Id, TeamsClientState.Active);

        using var set = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setUserPreferredPresence",
            "{\"availability\":\"busy\",\"activity\":\"busy\",\"expirationDuration\":\"PT8H\"}");
        var whileSet = _graph.Server.GetPresence(GraphTestServer.Alice.Id);

        using var clear = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/clearUserPreferredPresence", "{}");
        using var clearAgain = await _graph.SendGraphAsync(HttpMethod.Post, $"users/{GraphTestServer.Alice.Id}/presence/clearUserPreferredPresence", null, _token);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(new PresenceView("Busy", "Busy"), whileSet);
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Equal(HttpStatusCode.OK, clearAgain.StatusCode);
        Assert.Equal(new PresenceView("Available", "Available"), _graph.Server.GetPresence(GraphTestServer.Alice.Id));
    }

    [Fact]
    public async Task Preferred_presence_invalid_pair_rejected()
    {
        using var response = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setUserPreferredPresence",
            "{\"availability\":\"Busy\",\"activity\":\"InACall\"}");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task Unknown_user_is_404()
    {
        using var get = await GetAsync("users/nobody@contoso.com/presence");
        using var set = await PostAsync("users/nobody@contoso.com/presence/setPresence", SetPresenceBody());

        await AssertErrorAsync(get, HttpStatusCode.NotFound, "Request_ResourceNotFound");
        await AssertErrorAsync(set, HttpStatusCode.NotFound, "Request_ResourceNotFound");
    }

    [Fact]
    public async Task Missing_token_is_401()
    {
        using var response = await _graph.SendGraphAsync(HttpMethod.Get, $"users/{GraphTestServer.Alice.Id}/presence");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token is empty.");
        Assert.True(response.Headers.WwwAuthenticate.Count > 0);
    }

    [Fact]
    public async Task Tampered_token_is_401()
    {
        var parts = _token.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA";

        using var response = await GetAsync($"users/{GraphTestServer.Alice.Id}/presence", tampered);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
    }

    [Fact]
    public async Task Token_from_another_server_is_401()
    {
        await using var other = await GraphTestServer.StartAsync(ownSigningKey: true);
        var foreign = await other.GetTokenAsync();

        using var response = await GetAsync($"users/{GraphTestServer.Alice.Id}/presence", foreign);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        _graph.Time.Advance(TimeSpan.FromSeconds(3599) + TimeSpan.FromMinutes(5));

        using var response = await GetAsync($"users/{GraphTestServer.Alice.Id}/presence");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired.");
    }

    [Fact]
    public async Task Missing_roles_are_403()
    {
        var noRoles = await _graph.GetTokenAsync(GraphTestServer.NoRolesClientId);
        var readOnly = await _graph.GetTokenAsync(GraphTestServer.ReadOnlyClientId);

        using var readWithout = await GetAsync($"users/{GraphTestServer.Alice.Id}/presence", noRoles);
        using var writeWithReadOnly = await PostAsync($"users/{GraphTestServer.Alice.Id}/presence/setPresence", SetPresenceBody(), readOnly);
        using var usersWithReadOnly = await GetAsync("users", readOnly);
        using var readWithReadOnly = await GetAsync($"users/{GraphTestServer.Alice.Id}/presence", readOnly);

        await AssertErrorAsync(readWithout, HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        await AssertErrorAsync(writeWithReadOnly, HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        await AssertErrorAsync(usersWithReadOnly, HttpStatusCode.Forbidden, "Authorization_RequestDenied");
        Assert.Equal(HttpStatusCode.OK, readWithReadOnly.StatusCode);
    }

    [Fact]
    public async Task Error_body_and_headers_carry_ids()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_graph.Server.GraphBaseAddress, "users/nobody/presence"));
        request.Headers.Authorization = new("Bearer", _token);
        request.Headers.Add("client-request-id", "0f0e0d0c-0b0a-4909-8807-060504030201");

        using var response = await _graph.Http.SendAsync(request);
        var (_, _, innerError) = await GraphTestServer.ReadErrorAsync(response);
        var requestId = response.Headers.GetValues("request-id").Single();

        Assert.Equal("0f0e0d0c-0b0a-4909-8807-060504030201", response.Headers.GetValues("client-request-id").Single());
        Assert.Equal(requestId, innerError.GetProperty("request-id").GetString());
        Assert.Equal("0f0e0d0c-0b0a-4909-8807-060504030201", innerError.GetProperty("client-request-id").GetString());
        Assert.Equal("2026-01-01T12:00:00", innerError.GetProperty("date").GetString());
        Assert.Equal(GraphTestServer.Start, response.Headers.Date);
    }

    [Fact]
    public async Task GetPresencesByUserId_returns_known_users()
    {
        _graph.Server.SetTeamsClient(GraphTestServer.Bob.Id, TeamsClientState.Presenting);
        var body = JsonSerializer.Serialize(new { ids = new[] { GraphTestServer.Alice.Id, GraphTestServer.Bob.Id, "dddddddd-0000-4000-8000-000000000009" } });

        using var response = await PostAsync("communications/getPresencesByUserId", body);
        var value = (await GraphTestServer.ReadJsonAsync(response)).GetProperty("value");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, value.GetArrayLength());
        Assert.Equal(GraphTestServer.Alice.Id, value[0].GetProperty("id").GetString());
        Assert.Equal("Offline", value[0].GetProperty("availability").GetString());
        Assert.Equal("DoNotDisturb", value[1].GetProperty("availability").GetString());
        Assert.Equal("Presenting", value[1].GetProperty("activity").GetString());
    }

    [Fact]
    public async Task GetPresencesByUserId_rejects_651_ids()
    {
        var ids = Enumerable.Range(0, 651).Select(index => $"eeeeeeee-0000-4000-8000-{index:D12}").ToArray();

        using var atLimit = await PostAsync("communications/getPresencesByUserId", JsonSerializer.Serialize(new { ids = ids[..650] }));
        using var overLimit = await PostAsync("communications/getPresencesByUserId", JsonSerializer.Serialize(new { ids }));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        await AssertErrorAsync(overLimit, HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task Lag_delays_graph_reads()
    {
        await using var lagged = await GraphTestServer.StartAsync(lag: TimeSpan.FromMinutes(1));
        var token = await lagged.GetTokenAsync();
        lagged.Server.SetTeamsClient(GraphTestServer.Bob.Id, TeamsClientState.Active);

        using var before = await lagged.SendGraphAsync(HttpMethod.Get, $"users/{GraphTestServer.Bob.Id}/presence", null, token);
        lagged.Time.Advance(TimeSpan.FromMinutes(1));
        using var after = await lagged.SendGraphAsync(HttpMethod.Get, $"users/{GraphTestServer.Bob.Id}/presence", null, token);

        Assert.Equal("Offline", (await GraphTestServer.ReadJsonAsync(before)).GetProperty("availability").GetString());
        Assert.Equal("Available", (await GraphTestServer.ReadJsonAsync(after)).GetProperty("availability").GetString());
    }

    [Fact]
    public async Task Unknown_segment_and_wrong_method()
    {
        using var unknown = await GetAsync("me/presence");
        using var wrongMethod = await GetAsync($"users/{GraphTestServer.Alice.Id}/presence/setPresence");

        await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "BadRequest");
        await AssertErrorAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "Request_BadRequest");
    }

    [Fact]
    public async Task Requests_are_recorded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_graph.Server.GraphBaseAddress, $"users/{GraphTestServer.Alice.Id}/presence"));
        request.Headers.Authorization = new("Bearer", _token);
        request.Headers.Add("client-request-id", "abc");
        using var response = await _graph.Http.SendAsync(request);

        var record = _graph.Server.Requests[^1];

        Assert.Equal("GET", record.Method);
        Assert.Equal($"/v1.0/users/{GraphTestServer.Alice.Id}/presence", record.Path);
        Assert.Equal(200, record.Status);
        Assert.Equal("abc", record.ClientRequestId);
        Assert.Equal(GraphTestServer.Start, record.ReceivedAt);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), record.RequestId);
    }
}
