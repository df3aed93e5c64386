using PbxLab.Core.Diagnostics;
using PbxLab.Core.Presence;
using PbxLab.Core.Tests.TestSupport;

namespace PbxLab.Core.Tests.Graph;

/// <summary>Token, user matching and presence writes of the gateway against a Graph served over loopback HTTP.</summary>
public sealed class GraphWriterTests
{
    private const string InvalidSecretBody = """
        {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\r\nTrace ID: 1\r\nCorrelation ID: 2","error_codes":[7000215]}
        """;

    private const string ExpiredSecretBody = """
        {"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app '6f1e4c52' are expired.\r\nTrace ID: 1","error_codes":[7000222]}
        """;

    [Fact]
    public async Task Token_uses_client_credentials()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        var token = bed.Server.Requests.First(request => request.IsToken);
        Assert.Equal("POST", token.Method);
        Assert.Equal($"/{GatewayTestBed.TenantId}/oauth2/v2.0/token", token.Path);
        Assert.Equal(GatewayTestBed.ClientId, token.Form["client_id"]);
        Assert.Equal(GatewayTestBed.ClientSecret, token.Form["client_secret"]);
        Assert.Equal("https://graph.microsoft.com/.default", token.Form["scope"]);
        Assert.Equal("client_credentials", token.Form["grant_type"]);
        Assert.All(bed.Server.Requests.Where(request => !request.IsToken), request => Assert.Equal("Bearer token-1", request.Authorization));
        Assert.Single(bed.Server.Requests, request => request.IsToken);
    }

    [Fact]
    public async Task Secret_is_never_logged()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        Assert.NotEmpty(bed.Logs.Records);
        Assert.DoesNotContain(bed.Logs.Records, record => record.Message.Contains(GatewayTestBed.ClientSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_is_renewed_before_expiry()
    {
        await using var bed = await GatewayTestBed.StartAsync(server => server.TokenLifetimeSeconds = 3600);
        await bed.WaitUntilMatchedAsync("alice@contoso.com");
        bed.LineState("201", LineState.Busy);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");

        // The token (1 h) is due for renewal 5 min before expiry, when the session (PT1H) is refreshed.
        bed.Time.Advance(TimeSpan.FromMinutes(55));
        await Eventually.HoldsAsync(() => bed.Server.Requests.Count(request => request.IsSetPresence) == 2, "refresh of the Busy session");

        Assert.Equal(2, bed.Server.Requests.Count(request => request.IsToken));
        Assert.Equal("Bearer token-2", bed.Server.Requests.Last(request => request.IsSetPresence).Authorization);
    }

    [Fact]
    public async Task Unauthorized_renews_token_once()
    {
        var rejected = 0;
        await using var bed = await GatewayTestBed.StartAsync(server => server.Script = request =>
            request.IsSetPresence && Interlocked.Increment(ref rejected) == 1
                ? new ScriptedResponse(401, """{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}""")
                : null);
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        bed.LineState("201", LineState.Busy);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");

        var sets = bed.Server.Requests.Where(request => request.IsSetPresence).ToList();
        Assert.Equal(["Bearer token-1", "Bearer token-2"], sets.Select(request => request.Authorization));
    }

    [Theory]
    [InlineData(InvalidSecretBody, "AADSTS7000215", "not its Secret ID")]
    [InlineData(ExpiredSecretBody, "AADSTS7000222", "has expired")]
    public async Task Rejected_secret_is_diagnosed(string body, string code, string advice)
    {
        await using var bed = await GatewayTestBed.StartAsync(server => server.Script = request =>
            request.IsToken ? new ScriptedResponse(401, body) : null);

        await Eventually.HoldsAsync(() => bed.Host.Diagnostics.OfKind(DiagnosticKind.TokenRejected).Count > 0, "TokenRejected diagnostic");

        var entry = Assert.Single(bed.Host.Diagnostics.OfKind(DiagnosticKind.TokenRejected));
        Assert.Equal(code, entry.Code);
        Assert.Contains(code, entry.Reason, StringComparison.Ordinal);
        Assert.Contains(advice, entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejected_token_backs_off()
    {
        await using var bed = await GatewayTestBed.StartAsync(server => server.Script = request =>
            request.IsToken ? new ScriptedResponse(401, InvalidSecretBody) : null);
        await Eventually.HoldsAsync(() => bed.Host.Diagnostics.OfKind(DiagnosticKind.TokenRejected).Count > 0, "TokenRejected diagnostic");

        // The first back-off is 5 s on the gateway's clock; nothing is sent before it ends.
        bed.Time.Advance(TimeSpan.FromSeconds(4));
        await Eventually.SettleAsync();
        Assert.Single(bed.Server.Requests, request => request.IsToken);

        bed.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => bed.Server.Requests.Count(request => request.IsToken) == 2, "second token request after back-off");
        Assert.DoesNotContain(bed.Server.Requests, request => !request.IsToken);
    }

    [Fact]
    public async Task User_matches_ignoring_case()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            addDefaultDirectory: false,
            arrangeServer: server => server.AddUser("id-alice", "alice@contoso.com", "Alice.Smith@Contoso.com", "Alice"),
            configure: options => options.WithUsers(("ALICE.SMITH@contoso.com", "201")));

        await bed.WaitUntilMatchedAsync("ALICE.SMITH@contoso.com");

        var lookup = bed.Server.Requests.Single(request => request.IsUserLookup);
        Assert.Equal(
            "$filter=userPrincipalName eq 'ALICE.SMITH@contoso.com' or mail eq 'ALICE.SMITH@contoso.com'&$select=id,userPrincipalName,mail,displayName",
            lookup.Query);
        Assert.Equal("id-alice", bed.Host.Users.Single().MatchedId);
        Assert.Equal("/v1.0/users/id-alice/presence/clearPresence", bed.Server.PresenceWrites.Single().Path);
    }

    [Fact]
    public async Task Quote_in_email_is_doubled()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            arrangeServer: server => server.AddUser("id-obrien", "o'brien@contoso.com", null, "Pat O'Brien"),
            configure: options => options.WithUsers(("o'brien@contoso.com", "201")));

        await bed.WaitUntilMatchedAsync("o'brien@contoso.com");

        Assert.StartsWith("$filter=userPrincipalName eq 'o''brien@contoso.com' or mail eq 'o''brien@contoso.com'", bed.Server.Requests.Single(request => request.IsUserLookup).Query, StringComparison.Ordinal);
        Assert.Equal("id-obrien", bed.Host.Users.Single().MatchedId);
    }

    [Fact]
    public async Task Unknown_email_is_not_matched()
    {
        await using var bed = await GatewayTestBed.StartAsync(configure: options => options.WithUsers(("carol@contoso.com", "203")));

        await Eventually.HoldsAsync(() => bed.Host.Diagnostics.OfKind(DiagnosticKind.UserNotMatched).Count > 0, "UserNotMatched diagnostic");

        var entry = Assert.Single(bed.Host.Diagnostics.OfKind(DiagnosticKind.UserNotMatched));
        Assert.Equal("carol@contoso.com", entry.Email);
        Assert.Equal("203", entry.Device);
        Assert.Equal("pbx1", entry.Link);
        Assert.Contains("not matched in Entra", entry.Reason, StringComparison.Ordinal);
        Assert.Null(bed.Host.Users.Single().MatchedId);
        Assert.Empty(bed.Server.PresenceWrites);
    }

    [Fact]
    public async Task Email_of_two_users_is_matched_twice()
    {
        await using var bed = await GatewayTestBed.StartAsync(
            addDefaultDirectory: false,
            arrangeServer: server =>
            {
                server.AddUser("id-1", "dana@contoso.com", "dana.old@contoso.com", "Dana");
                server.AddUser("id-2", "dana.new@contoso.com", "dana@contoso.com", "Dana (new)");
            },
            configure: options => options.WithUsers(("dana@contoso.com", "204")));

        await Eventually.HoldsAsync(() => bed.Host.Diagnostics.OfKind(DiagnosticKind.UserMatchedTwice).Count > 0, "UserMatchedTwice diagnostic");

        var entry = Assert.Single(bed.Host.Diagnostics.OfKind(DiagnosticKind.UserMatchedTwice));
        Assert.Equal("dana@contoso.com", entry.Email);
        Assert.Contains("matched twice", entry.Reason, StringComparison.Ordinal);
        Assert.Null(bed.Host.Users.Single().MatchedId);
    }

    [Fact]
    public async Task Unmatched_user_is_looked_up_again()
    {
        GraphTestServer? graph = null;
        await using var bed = await GatewayTestBed.StartAsync(
            arrangeServer: server => graph = server,
            configure: options => options.WithUsers(("carol@contoso.com", "203")));
        await bed.WaitForLogAsync(4301);

        graph!.AddUser("id-carol", "carol@contoso.com", null, "Carol");
        bed.Time.Advance(TimeSpan.FromMinutes(14));
        await Eventually.SettleAsync();
        Assert.Single(bed.Server.Requests, request => request.IsUserLookup);

        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await bed.WaitUntilMatchedAsync("carol@contoso.com");
        Assert.Equal("id-carol", bed.Host.Users.Single().MatchedId);
    }

    [Fact]
    public async Task Busy_sets_then_available_clears()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        bed.LineState("201", LineState.Busy);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");
        Assert.Equal(("Busy", "InACall"), bed.Server.SessionOf("id-alice"));

        bed.LineState("201", LineState.Available);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "clearPresence");
        Assert.Null(bed.Server.SessionOf("id-alice"));

        var writes = bed.Server.PresenceWrites.Where(request => request.Path.Contains("id-alice", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, writes.Count);
        Assert.True(writes[0].IsClearPresence);
        Assert.Equal(GatewayTestBed.ClientId, writes[0].Json.GetProperty("sessionId").GetString());

        Assert.True(writes[1].IsSetPresence);
        Assert.Equal(GatewayTestBed.ClientId, writes[1].Json.GetProperty("sessionId").GetString());
        Assert.Equal("Busy", writes[1].Json.GetProperty("availability").GetString());
        Assert.Equal("InACall", writes[1].Json.GetProperty("activity").GetString());
        Assert.Equal("PT1H", writes[1].Json.GetProperty("expirationDuration").GetString());

        Assert.True(writes[2].IsClearPresence);
        Assert.Equal(GatewayTestBed.ClientId, writes[2].Json.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task Unchanged_write_is_not_sent_again()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        // Offline and Available both clear, and the first clear was written at matching.
        bed.LineState("201", LineState.Offline);
        bed.LineState("201", LineState.Available);
        await Eventually.SettleAsync();

        Assert.Single(bed.Server.PresenceWrites, request => request.Path.Contains("id-alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_is_refreshed_before_expiry()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await bed.WaitUntilMatchedAsync("alice@contoso.com");
        bed.LineState("201", LineState.Busy);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");

        // PT1H sessions are refreshed 5 min before they expire.
        bed.Time.Advance(TimeSpan.FromMinutes(54));
        await Eventually.SettleAsync();
        Assert.Single(bed.Server.Requests, request => request.IsSetPresence);

        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(() => bed.Server.Requests.Count(request => request.IsSetPresence) == 2, "first refresh");
        await Eventually.HoldsAsync(() => bed.Host.Users[0].LastWrite?.IsRefresh == true, "refresh recorded");

        bed.Time.Advance(TimeSpan.FromMinutes(55));
        await Eventually.HoldsAsync(() => bed.Server.Requests.Count(request => request.IsSetPresence) == 3, "second refresh");
        Assert.Equal("Busy", bed.Server.Requests.Last(request => request.IsSetPresence).Json.GetProperty("availability").GetString());
    }

    [Fact]
    public async Task Throttled_write_waits_retry_after()
    {
        var throttled = 0;
        await using var bed = await GatewayTestBed.StartAsync(server => server.Script = request =>
            request.IsSetPresence && Interlocked.Increment(ref throttled) == 1
                ? new ScriptedResponse(429, """{"error":{"code":"TooManyRequests","message":"Please retry again later."}}""", new Dictionary<string, string> { ["Retry-After"] = "10" })
                : null);
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        bed.LineState("201", LineState.Busy);
        await bed.WaitForLogAsync(4400);

        bed.Time.Advance(TimeSpan.FromSeconds(9));
        await Eventually.SettleAsync();
        Assert.Single(bed.Server.Requests, request => request.IsSetPresence);

        bed.Time.Advance(TimeSpan.FromSeconds(1));
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");
        Assert.Equal(2, bed.Server.Requests.Count(request => request.IsSetPresence));
        var retryLog = bed.Logs.Records.First(record => record.EventId == 4400).Message;
        Assert.Contains("alice@contoso.com", retryLog, StringComparison.Ordinal);
        Assert.Contains("429", retryLog, StringComparison.Ordinal);
        Assert.Contains("req-", retryLog, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task Failure_is_retried_with_backoff(int status)
    {
        // A 429 without Retry-After falls back to the same exponential back-off as a 5xx.
        var failures = 0;
        await using var bed = await GatewayTestBed.StartAsync(server => server.Script = request =>
            request.IsSetPresence && Interlocked.Increment(ref failures) <= 2 ? new ScriptedResponse(status) : null);
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        bed.LineState("201", LineState.Busy);
        await bed.WaitForLogAsync(4400);
        bed.Time.Advance(TimeSpan.FromSeconds(1));
        await bed.WaitForLogAsync(4400, count: 2);

        // The second back-off is twice the first.
        bed.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.SettleAsync();
        Assert.Equal(2, bed.Server.Requests.Count(request => request.IsSetPresence));

        bed.Time.Advance(TimeSpan.FromSeconds(1));
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall");
        Assert.Equal(3, bed.Server.Requests.Count(request => request.IsSetPresence));
    }

    [Fact]
    public async Task Forbidden_write_names_presence_role()
    {
        await using var bed = await GatewayTestBed.StartAsync(server => server.Script = request =>
            request.IsSetPresence
                ? new ScriptedResponse(403, """{"error":{"code":"Forbidden","message":"Insufficient privileges to complete the operation."}}""")
                : null);
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        bed.LineState("201", LineState.Busy);
        await bed.WaitForLastWriteAsync("alice@contoso.com", "setPresence Busy/InACall", status: 403);

        var entry = Assert.Single(bed.Host.Diagnostics.OfKind(DiagnosticKind.GraphForbidden));
        Assert.Equal("alice@contoso.com", entry.Email);
        Assert.Equal("Presence.ReadWrite.All", entry.Code);
        Assert.Contains("Presence.ReadWrite.All", entry.Reason, StringComparison.Ordinal);
        Assert.False(bed.Host.Users[0].LastWrite!.Succeeded);
    }

    [Fact]
    public async Task Forbidden_lookup_names_user_role()
    {
        await using var bed = await GatewayTestBed.StartAsync(server => server.Script = request =>
            request.IsUserLookup
                ? new ScriptedResponse(403, """{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}""")
                : null);

        await Eventually.HoldsAsync(() => bed.Host.Diagnostics.OfKind(DiagnosticKind.GraphForbidden).Count == 2, "GraphForbidden for both users");

        Assert.All(bed.Host.Diagnostics.OfKind(DiagnosticKind.GraphForbidden), entry => Assert.Contains("User.Read.All", entry.Reason, StringComparison.Ordinal));
        Assert.All(bed.Host.Users, user => Assert.Null(user.MatchedId));
    }

    [Fact]
    public async Task Writes_are_coalesced_to_latest()
    {
        using var release = new ManualResetEventSlim();
        var sets = 0;
        await using var bed = await GatewayTestBed.StartAsync(server => server.Script = request =>
        {
            // Hold the first setPresence so that later changes pile up behind it.
            if (request.IsSetPresence && Interlocked.Increment(ref sets) == 1)
            {
                release.Wait(TimeSpan.FromSeconds(5));
            }

            return null;
        });
        await bed.WaitUntilMatchedAsync("alice@contoso.com");

        bed.LineState("201", LineState.Busy);
        await Eventually.HoldsAsync(() => bed.Server.Requests.Any(request => request.IsSetPresence), "first setPresence received");
        bed.LineState("201", LineState.DoNotDisturb);
        bed.Link().Sink.OnUserPresenceChanged("pbx1", "201", PbxUserPresence.Absent);
        bed.Link().Sink.OnUserPresenceChanged("pbx1", "201", PbxUserPresence.Available);
        bed.LineState("201", LineState.Available);
        release.Set();
        await bed.WaitForLastWriteAsync("alice@contoso.com", "clearPresence");
        await Eventually.SettleAsync();

        var writes = bed.Server.PresenceWrites
            .Where(request => request.Path.Contains("id-alice", StringComparison.Ordinal))
            .Select(request => request.IsSetPresence ? request.Json.GetProperty("availability").GetString() : "clear");
        Assert.Equal(["clear", "Busy", "clear"], writes);
    }
}
