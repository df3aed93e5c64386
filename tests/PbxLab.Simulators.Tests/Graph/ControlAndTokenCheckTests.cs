using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PbxLab.Simulators.Graph;
using PbxLab.Simulators.Graph.Teams;

namespace PbxLab.Simulators.Tests.Graph;

public sealed class ControlAndTokenCheckTests : IAsyncLifetime
{
    private GraphTestServer _graph = null!;

    public async Task InitializeAsync() => _graph = await GraphTestServer.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    // Signs a token with the server's own key, so only the claims under test can make it invalid.
    private string SignToken(string audience, string tenantId)
    {
        var now = GraphTestServer.Start.UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = $"https://sts.windows.net/{tenantId}/",
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            Claims = new Dictionary<string, object> { ["tid"] = tenantId, ["appid"] = GraphTestServer.ClientId, ["roles"] = new[] { "Presence.ReadWrite.All" } },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(GraphTestServer.SharedSigningKey), SecurityAlgorithms.RsaSha256),
        };

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    [Fact]
    public async Task Well_signed_token_is_accepted()
    {
        using var response = await _graph.SendGraphAsync(HttpMethod.Get, $"users/{GraphTestServer.Alice.Id}/presence", null,
            SignToken("https://graph.microsoft.com", _graph.Server.Tenant.TenantId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_audience_is_401()
    {
        using var response = await _graph.SendGraphAsync(HttpMethod.Get, $"users/{GraphTestServer.Alice.Id}/presence", null,
            SignToken("api://someone-else", _graph.Server.Tenant.TenantId));
        var (code, message, _) = await GraphTestServer.ReadErrorAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", code);
        Assert.Equal("Access token validation failure. Invalid audience.", message);
    }

    [Fact]
    public async Task Other_tenant_token_is_401()
    {
        using var response = await _graph.SendGraphAsync(HttpMethod.Get, $"users/{GraphTestServer.Alice.Id}/presence", null,
            SignToken("https://graph.microsoft.com", "99999999-0000-4000-8000-000000000000"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Control_sets_and_clears_preferred_presence()
    {
        _graph.Server.SetTeamsClient(GraphTestServer.Bob.Id, TeamsClientState.Active);

        using var set = await _graph.Http.PostAsync("_pbxlab/users/bob@contoso.com/preferredPresence",
            new StringContent("{\"availability\":\"BeRightBack\",\"activity\":\"BeRightBack\",\"expirationDuration\":\"PT1H\"}", Encoding.UTF8, "application/json"));
        var whileSet = _graph.Server.GetPresence(GraphTestServer.Bob.Id);

        using var clear = await _graph.Http.PostAsync("_pbxlab/users/bob@contoso.com/clearPreferredPresence", null);
        using var state = await _graph.Http.GetAsync("_pbxlab/users/bob@contoso.com");
        var json = await GraphTestServer.ReadJsonAsync(state);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(new PresenceView("BeRightBack", "BeRightBack"), whileSet);
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Equal("Available", json.GetProperty("availability").GetString());
        Assert.Equal("Active", json.GetProperty("teamsClient").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("preferredPresence").ValueKind);
    }

    [Fact]
    public async Task Control_api_off_by_default()
    {
        await using var server = await FakeGraphServer.StartAsync(
            new FakeGraphOptions { SigningKey = GraphTestServer.SharedSigningKey }, TimeProvider.System, NullLoggerFactory.Instance);
        server.Directory.AddUser(GraphTestServer.Alice);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.GetAsync("_pbxlab/users/alice@contoso.com");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Harness_rejects_unknown_user_and_pair()
    {
        Assert.Throws<KeyNotFoundException>(() => _graph.Server.SetTeamsClient("nobody@contoso.com", TeamsClientState.Active));
        Assert.Throws<ArgumentException>(() => _graph.Server.SetUserPreferredPresence(GraphTestServer.Alice.Id, "Busy", "InACall"));
    }
}
