using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;
using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Presence.ClearPresence;
using Microsoft.Graph.Users.Item.Presence.SetPresence;
using Microsoft.Graph.Users.Item.Presence.SetUserPreferredPresence;
using Microsoft.Kiota.Abstractions.Authentication;
using PbxLab.Simulators.Graph;
using PbxLab.Simulators.Graph.Teams;

namespace PbxLab.Simulators.Tests.Graph;

/// <summary>
/// Drives the fake with the official Microsoft.Graph SDK, so the wire shapes must satisfy its
/// generated models and its error parsing.
/// </summary>
public sealed class GraphSdkTests : IAsyncLifetime
{
    private const string SessionId = GraphTestServer.ClientId;

    private GraphTestServer _graph = null!;

    public async Task InitializeAsync() => _graph = await GraphTestServer.StartAsync(extraUsers: 3);

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    /// <summary>Hands a fixed bearer token to loopback hosts only, the way the Azure providers guard hosts.</summary>
    private sealed class StaticTokenProvider(string token) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(["127.0.0.1"]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : string.Empty);
    }

    private static GraphServiceClient Client(FakeGraphServer server, string token) =>
        new(new BaseBearerTokenAuthenticationProvider(new StaticTokenProvider(token)), server.GraphBaseAddress.ToString().TrimEnd('/'));

    private async Task<GraphServiceClient> ClientAsync(string clientId = GraphTestServer.ClientId) =>
        Client(_graph.Server, await _graph.GetTokenAsync(clientId));

    [Fact]
    public async Task Set_get_and_clear_presence()
    {
        var graph = await ClientAsync();
        var alice = GraphTestServer.Alice.Id;

        await graph.Users[alice].Presence.SetPresence.PostAsync(new SetPresencePostRequestBody
        {
            SessionId = SessionId,
            Availability = "Busy",
            Activity = "InACall",
            ExpirationDuration = TimeSpan.FromMinutes(10),
        });
        var whileSet = await graph.Users[alice].Presence.GetAsync();
        var session = _graph.Server.GetAppSession(alice, SessionId);

        await graph.Users[alice].Presence.ClearPresence.PostAsync(new ClearPresencePostRequestBody { SessionId = SessionId });
        var afterClear = await graph.Communications.Presences[alice].GetAsync();

        Assert.Equal(alice, whileSet!.Id);
        Assert.Equal("Busy", whileSet.Availability);
        Assert.Equal("InACall", whileSet.Activity);
        Assert.Equal(GraphTestServer.Start.AddMinutes(10), session!.ExpiresAt);
        Assert.Equal("Offline", afterClear!.Availability);
        Assert.Equal("Offline", afterClear.Activity);
    }

    [Fact]
    public async Task Set_presence_keeps_expiration()
    {
        var graph = await ClientAsync();

        await graph.Users["alice@contoso.com"].Presence.SetPresence.PostAsync(new SetPresencePostRequestBody
        {
            SessionId = SessionId,
            Availability = "DoNotDisturb",
            Activity = "Presenting",
            ExpirationDuration = TimeSpan.FromHours(2),
        });

        var session = _graph.Server.GetAppSession(GraphTestServer.Alice.Id, SessionId);
        Assert.NotNull(session);
        Assert.Equal(GraphTestServer.Start.AddHours(2), session.ExpiresAt);
        Assert.Equal(new PresenceView("DoNotDisturb", "Presenting"), _graph.Server.GetPresence(GraphTestServer.Alice.Id));
    }

    [Fact]
    public async Task Preferred_presence_overrides_session()
    {
        var graph = await ClientAsync();
        var bob = GraphTestServer.Bob.Id;
        _graph.Server.SetTeamsClient(bob, TeamsClientState.Active);

        await graph.Users[bob].Presence.SetUserPreferredPresence.PostAsync(new SetUserPreferredPresencePostRequestBody
        {
            Availability = "DoNotDisturb",
            Activity = "DoNotDisturb",
            ExpirationDuration = TimeSpan.FromHours(8),
        });
        var presence = await graph.Users[bob].Presence.GetAsync();

        Assert.Equal("DoNotDisturb", presence!.Availability);
        Assert.Equal("DoNotDisturb", presence.Activity);

        await graph.Users[bob].Presence.ClearUserPreferredPresence.PostAsync();
        Assert.Equal(new PresenceView("Available", "Available"), _graph.Server.GetPresence(bob));
    }

    [Fact]
    public async Task Get_presences_by_user_id()
    {
        var graph = await ClientAsync();
        _graph.Server.SetTeamsClient(GraphTestServer.Bob.Id, TeamsClientState.InCallOrMeeting);

        var response = await graph.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(
            new GetPresencesByUserIdPostRequestBody { Ids = [GraphTestServer.Alice.Id, GraphTestServer.Bob.Id] });

        var byId = response!.Value!.ToDictionary(presence => presence.Id!, presence => $"{presence.Availability}/{presence.Activity}");
        Assert.Equal("Offline/Offline", byId[GraphTestServer.Alice.Id]);
        Assert.Equal("Busy/InACall", byId[GraphTestServer.Bob.Id]);
    }

    [Fact]
    public async Task Users_filter_and_paging()
    {
        var graph = await ClientAsync();

        var filtered = await graph.Users.GetAsync(request =>
        {
            request.QueryParameters.Filter = "userPrincipalName eq 'BOB@contoso.com' or mail eq 'alice.smith@contoso.com'";
            request.QueryParameters.Select = ["id", "displayName", "businessPhones", "mobilePhone"];
        });

        var ids = new List<string>();
        var page = await graph.Users.GetAsync(request => request.QueryParameters.Top = 2);
        var pages = 1;
        ids.AddRange(page!.Value!.Select(user => user.Id!));
        while (page!.OdataNextLink is { } next)
        {
            page = await graph.Users.WithUrl(next).GetAsync();
            ids.AddRange(page!.Value!.Select(user => user.Id!));
            pages++;
        }

        Assert.Equal(["Alice Smith", "Bob Jones"], filtered!.Value!.Select(user => user.DisplayName));
        Assert.Equal(["+33 1 23 45 67 89"], filtered.Value![0].BusinessPhones);
        Assert.Equal("+33 6 12 34 56 78", filtered.Value[0].MobilePhone);
        Assert.Equal(3, pages);
        Assert.Equal(_graph.Server.Directory.Users.Select(user => user.Id), ids);
    }

    [Fact]
    public async Task Out_of_range_expiration_is_invalid_argument()
    {
        var graph = await ClientAsync();

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[GraphTestServer.Alice.Id].Presence.SetPresence.PostAsync(
            new SetPresencePostRequestBody { SessionId = SessionId, Availability = "Busy", Activity = "InACall", ExpirationDuration = TimeSpan.FromMinutes(4) }));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("InvalidArgument", error.Error!.Code);
        Assert.Equal("The provided [ExpirationDuration] is out of range.", error.Error.Message);
        Assert.False(string.IsNullOrEmpty(error.Error.InnerError!.RequestId));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), error.Error.InnerError.Date);
    }

    [Fact]
    public async Task Invalid_pair_is_400()
    {
        var graph = await ClientAsync();

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[GraphTestServer.Alice.Id].Presence.SetPresence.PostAsync(
            new SetPresencePostRequestBody { SessionId = SessionId, Availability = "Busy", Activity = "Busy" }));

        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Equal("BadRequest", error.Error!.Code);
    }

    [Fact]
    public async Task Clear_missing_session_is_404()
    {
        var graph = await ClientAsync();

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[GraphTestServer.Alice.Id].Presence.ClearPresence.PostAsync(
            new ClearPresencePostRequestBody { SessionId = "never-set" }));

        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("NotFound", error.Error!.Code);
    }

    [Fact]
    public async Task Missing_role_is_403()
    {
        var graph = await ClientAsync(GraphTestServer.NoRolesClientId);

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[GraphTestServer.Alice.Id].Presence.SetPresence.PostAsync(
            new SetPresencePostRequestBody { SessionId = SessionId, Availability = "Busy", Activity = "InACall" }));

        Assert.Equal(403, error.ResponseStatusCode);
        Assert.Equal("Authorization_RequestDenied", error.Error!.Code);
    }

    [Fact]
    public async Task Missing_token_is_401()
    {
        var graph = Client(_graph.Server, token: "");

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[GraphTestServer.Alice.Id].Presence.GetAsync());

        Assert.Equal(401, error.ResponseStatusCode);
        Assert.Equal("InvalidAuthenticationToken", error.Error!.Code);
    }

    [Fact]
    public async Task Sdk_waits_retry_after_before_retrying()
    {
        // The SDK's retry handler waits on the real clock, so this server runs on the system clock.
        await using var server = await FakeGraphServer.StartAsync(new FakeGraphOptions(), TimeProvider.System, NullLoggerFactory.Instance);
        server.AddApplication(GraphTestServer.ClientId, GraphTestServer.Secret, DateTimeOffset.UtcNow.AddDays(1), "Presence.Read.All");
        server.Directory.AddUser(GraphTestServer.Alice);
        var token = await PlainTokenAsync(server);
        server.Faults.ThrottleNext(1, TimeSpan.FromSeconds(1));

        var presence = await Client(server, token).Users[GraphTestServer.Alice.Id].Presence.GetAsync();

        var graphRequests = server.Requests.Where(record => record.Path.StartsWith("/v1.0/", StringComparison.Ordinal)).ToList();
        Assert.Equal("Offline", presence!.Availability);
        Assert.Equal([429, 200], graphRequests.Select(record => record.Status));
        // 50 ms of slack for the difference between the timer behind the SDK's delay and the wall clock.
        Assert.True(graphRequests[1].ReceivedAt - graphRequests[0].ReceivedAt >= TimeSpan.FromMilliseconds(950),
            $"The retry came {graphRequests[1].ReceivedAt - graphRequests[0].ReceivedAt} after the 429, before Retry-After: 1.");
    }

    private static async Task<string> PlainTokenAsync(FakeGraphServer server)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(server.TokenEndpoint(server.Tenant.TenantId), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = GraphTestServer.ClientId,
            ["client_secret"] = GraphTestServer.Secret,
            ["scope"] = GraphTestServer.GraphScope,
        }));

        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }
}
