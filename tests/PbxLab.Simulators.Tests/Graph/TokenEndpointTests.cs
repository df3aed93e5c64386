using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using PbxLab.Simulators.Graph.Identity;

namespace PbxLab.Simulators.Tests.Graph;

public sealed class TokenEndpointTests : IAsyncLifetime
{
    private GraphTestServer _graph = null!;

    public async Task InitializeAsync() => _graph = await GraphTestServer.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private static Dictionary<string, string> Form(
        string clientId = GraphTestServer.ClientId,
        string? secret = GraphTestServer.Secret,
        string scope = GraphTestServer.GraphScope,
        string grantType = "client_credentials")
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grantType, ["client_id"] = clientId, ["scope"] = scope };
        if (secret is not null)
        {
            form["client_secret"] = secret;
        }

        return form;
    }

    private static async Task AssertEntraErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, int code)
    {
        Assert.Equal(status, response.StatusCode);

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(error, root.GetProperty("error").GetString());
        Assert.Equal(code, root.GetProperty("error_codes")[0].GetInt32());

        var description = root.GetProperty("error_description").GetString()!;
        Assert.StartsWith($"AADSTS{code}: ", description, StringComparison.Ordinal);
        Assert.Contains($"\r\nTrace ID: {root.GetProperty("trace_id").GetString()}\r\n", description, StringComparison.Ordinal);
        Assert.Contains($"\r\nCorrelation ID: {root.GetProperty("correlation_id").GetString()}\r\n", description, StringComparison.Ordinal);
        Assert.EndsWith("\r\nTimestamp: 2026-01-01 12:00:00Z", description, StringComparison.Ordinal);
        Assert.Equal("2026-01-01 12:00:00Z", root.GetProperty("timestamp").GetString());
        Assert.Equal($"https://login.microsoftonline.com/error?code={code}", root.GetProperty("error_uri").GetString());
    }

    [Fact]
    public async Task Success_returns_signed_jwt()
    {
        using var response = await _graph.RequestTokenAsync(Form());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("Bearer", root.GetProperty("token_type").GetString());
        Assert.Equal(3599, root.GetProperty("expires_in").GetInt32());
        Assert.Equal(3599, root.GetProperty("ext_expires_in").GetInt32());

        var token = new JsonWebToken(root.GetProperty("access_token").GetString());
        Assert.Equal("RS256", token.Alg);
        Assert.Equal(["https://graph.microsoft.com"], token.Audiences);
        Assert.Equal(_graph.Server.Tenant.TenantId, token.GetPayloadValue<string>("tid"));
        Assert.Equal(GraphTestServer.ClientId, token.GetPayloadValue<string>("appid"));
        Assert.Equal(
            ["Presence.ReadWrite.All", "User.Read.All"],
            token.Claims.Where(claim => claim.Type == "roles").Select(claim => claim.Value).Order());
        Assert.Equal(GraphTestServer.Start.UtcDateTime, token.IssuedAt);
        Assert.Equal(GraphTestServer.Start.UtcDateTime, token.ValidFrom);
        Assert.Equal(GraphTestServer.Start.UtcDateTime.AddSeconds(3599), token.ValidTo);
    }

    [Fact]
    public async Task Token_without_consent_has_no_roles()
    {
        var token = new JsonWebToken(await _graph.GetTokenAsync(GraphTestServer.NoRolesClientId));

        Assert.DoesNotContain(token.Claims, claim => claim.Type == "roles");
        Assert.Equal(GraphTestServer.NoRolesClientId, token.GetPayloadValue<string>("appid"));
    }

    [Fact]
    public async Task Basic_authentication_accepted()
    {
        var form = Form(secret: null);
        form.Remove("client_id");
        using var request = new HttpRequestMessage(HttpMethod.Post, _graph.Server.TokenEndpoint(_graph.Server.Tenant.TenantId))
        {
            Content = new FormUrlEncodedContent(form),
        };

        // RFC 6749 section 2.3.1: client id and secret are form-encoded, then Base64-encoded.
        var credentials = $"{Uri.EscapeDataString(GraphTestServer.ClientId)}:{Uri.EscapeDataString(GraphTestServer.Secret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        using var response = await _graph.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Tenant_domain_accepted()
    {
        using var response = await _graph.RequestTokenAsync(Form(), "contoso.onmicrosoft.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_secret_is_7000215()
    {
        using var response = await _graph.RequestTokenAsync(Form(secret: "secret-id-not-value"));

        await AssertEntraErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
        Assert.Equal("invalid_client", _graph.Server.Requests[^1].ErrorCode);
        Assert.Equal(401, _graph.Server.Requests[^1].Status);
    }

    [Fact]
    public async Task Expired_secret_is_7000222()
    {
        _graph.Time.Advance(TimeSpan.FromDays(366));
        using var response = await _graph.RequestTokenAsync(Form());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var json = await GraphTestServer.ReadJsonAsync(response);
        Assert.Equal("invalid_client", json.GetProperty("error").GetString());
        Assert.Equal(7000222, json.GetProperty("error_codes")[0].GetInt32());
    }

    [Fact]
    public async Task Second_valid_secret_still_works()
    {
        _graph.Server.Tenant.AddApplication(new FakeApplication
        {
            ClientId = GraphTestServer.ClientId,
            Secrets = [new FakeClientSecret("old", GraphTestServer.Start.AddDays(-1)), new FakeClientSecret("new", GraphTestServer.Start.AddDays(30))],
            ConsentedRoles = ["Presence.ReadWrite.All"],
        });

        using var expired = await _graph.RequestTokenAsync(Form(secret: "old"));
        using var valid = await _graph.RequestTokenAsync(Form(secret: "new"));

        await AssertEntraErrorAsync(expired, HttpStatusCode.Unauthorized, "invalid_client", 7000222);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task Unknown_client_is_700016()
    {
        using var response = await _graph.RequestTokenAsync(Form(clientId: "99999999-9999-4999-8999-999999999999"));

        await AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client", 700016);
    }

    [Fact]
    public async Task Unknown_tenant_is_90002()
    {
        using var response = await _graph.RequestTokenAsync(Form(), "fabrikam.onmicrosoft.com");

        await AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 90002);
    }

    [Fact]
    public async Task Missing_secret_is_7000218()
    {
        using var response = await _graph.RequestTokenAsync(Form(secret: null));

        await AssertEntraErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000218);
    }

    [Fact]
    public async Task Wrong_scope_is_70011()
    {
        using var response = await _graph.RequestTokenAsync(Form(scope: "http://127.0.0.1/.default"));

        await AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope", 70011);
    }

    [Fact]
    public async Task Wrong_grant_type_is_unsupported()
    {
        using var response = await _graph.RequestTokenAsync(Form(grantType: "password"));

        await AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", 70003);
    }

    [Fact]
    public async Task Missing_grant_type_is_900144()
    {
        var form = Form();
        form.Remove("grant_type");
        using var response = await _graph.RequestTokenAsync(form);

        await AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900144);
    }

    [Fact]
    public async Task Get_on_token_endpoint_rejected()
    {
        using var response = await _graph.Http.GetAsync(_graph.Server.TokenEndpoint(_graph.Server.Tenant.TenantId));

        await AssertEntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900561);
    }

    [Fact]
    public async Task Correlation_id_echoes_client_request_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _graph.Server.TokenEndpoint(_graph.Server.Tenant.TenantId))
        {
            Content = new FormUrlEncodedContent(Form(secret: "wrong")),
        };
        request.Headers.Add("client-request-id", "8c1f0d7e-1234-4321-9876-0123456789ab");

        using var response = await _graph.Http.SendAsync(request);
        var json = await GraphTestServer.ReadJsonAsync(response);

        Assert.Equal("8c1f0d7e-1234-4321-9876-0123456789ab", json.GetProperty("correlation_id").GetString());
    }
}
