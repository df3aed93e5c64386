using System.Net;
using System.Text.Json;

namespace PbxLab.Simulators.Tests.Graph;

public sealed class UsersHttpTests : IAsyncLifetime
{
    private GraphTestServer _graph = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphTestServer.StartAsync(extraUsers: 5);
        _token = await _graph.GetTokenAsync();
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(string pathAndQuery)
    {
        using var response = await _graph.SendGraphAsync(HttpMethod.Get, pathAndQuery, null, _token);
        return (response.StatusCode, await GraphTestServer.ReadJsonAsync(response));
    }

    [Fact]
    public async Task List_returns_default_properties()
    {
        var (status, json) = await GetAsync("users");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{_graph.Server.GraphBaseAddress}$metadata#users", json.GetProperty("@odata.context").GetString());
        Assert.False(json.TryGetProperty("@odata.nextLink", out _));

        var users = json.GetProperty("value");
        Assert.Equal(7, users.GetArrayLength());

        var alice = users[0];
        Assert.Equal(GraphTestServer.Alice.Id, alice.GetProperty("id").GetString());
        Assert.Equal("alice@contoso.com", alice.GetProperty("userPrincipalName").GetString());
        Assert.Equal("alice.smith@contoso.com", alice.GetProperty("mail").GetString());
        Assert.Equal("Alice Smith", alice.GetProperty("displayName").GetString());
        Assert.Equal("+33 1 23 45 67 89", alice.GetProperty("businessPhones")[0].GetString());
        Assert.Equal("+33 6 12 34 56 78", alice.GetProperty("mobilePhone").GetString());
        Assert.Equal(JsonValueKind.Null, alice.GetProperty("jobTitle").ValueKind);
    }

    [Fact]
    public async Task Filter_on_upn_or_mail_ignores_case()
    {
        var filter = Uri.EscapeDataString("userPrincipalName eq 'BOB@CONTOSO.COM' or mail eq 'Alice.Smith@Contoso.com'");

        var (status, json) = await GetAsync($"users?$filter={filter}&$select=id,mail");

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = json.GetProperty("value").EnumerateArray().Select(user => user.GetProperty("id").GetString()).ToList();
        Assert.Equal([GraphTestServer.Alice.Id, GraphTestServer.Bob.Id], ids);
        Assert.Equal($"{_graph.Server.GraphBaseAddress}$metadata#users(id,mail)", json.GetProperty("@odata.context").GetString());
        Assert.False(json.GetProperty("value")[0].TryGetProperty("displayName", out _));
    }

    [Fact]
    public async Task Unsupported_filter_is_a_clear_400()
    {
        var (status, json) = await GetAsync($"users?$filter={Uri.EscapeDataString("startsWith(displayName,'A')")}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Request_UnsupportedQuery", json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("startsWith", json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_follows_absolute_next_links()
    {
        var seen = new List<string>();
        var pages = 0;
        string? next = $"{_graph.Server.GraphBaseAddress}users?$top=3&$select=id";

        while (next is not null)
        {
            Assert.StartsWith(_graph.Server.BaseAddress.ToString(), next, StringComparison.Ordinal);
            var (status, json) = await GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, status);

            pages++;
            seen.AddRange(json.GetProperty("value").EnumerateArray().Select(user => user.GetProperty("id").GetString()!));
            next = json.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        Assert.Equal(3, pages);
        Assert.Equal(_graph.Server.Directory.Users.Select(user => user.Id), seen);
    }

    [Fact]
    public async Task Top_out_of_range_is_400()
    {
        var (status, json) = await GetAsync("users?$top=1000");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.", json.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Get_single_user_by_upn()
    {
        var (status, json) = await GetAsync("users/Bob@Contoso.com?$select=id,displayName");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(GraphTestServer.Bob.Id, json.GetProperty("id").GetString());
        Assert.Equal("Bob Jones", json.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Get_unknown_user_is_404()
    {
        var (status, json) = await GetAsync("users/nobody@contoso.com");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Request_ResourceNotFound", json.GetProperty("error").GetProperty("code").GetString());
    }
}
