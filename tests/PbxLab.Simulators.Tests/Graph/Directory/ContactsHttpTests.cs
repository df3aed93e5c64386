using System.Net;
using System.Text.Json;
using PbxLab.Simulators.Graph.Directory;

namespace PbxLab.Simulators.Tests.Graph.Directory;

public sealed class ContactsHttpTests : IAsyncLifetime
{
    private const string ContactsClientId = "44444444-4444-4444-8444-444444444444";

    private GraphTestServer _graph = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _graph = await GraphTestServer.StartAsync();
        _graph.Server.AddApplication(ContactsClientId, GraphTestServer.Secret, GraphTestServer.Start.AddYears(1), "User.Read.All", "Contacts.Read");
        _token = await _graph.GetTokenAsync(ContactsClientId);

        for (var index = 1; index <= 5; index++)
        {
            _graph.Server.AddContact(GraphTestServer.Alice.UserPrincipalName, new FakeContact
            {
                Id = $"c-{index}",
                DisplayName = $"Contact {index}",
                GivenName = "Contact",
                Surname = $"{index}",
                BusinessPhones = [$"01 23 45 67 8{index}"],
                HomePhones = index == 1 ? ["+33 4 78 12 34 56", "04 78 00 00 00"] : [],
                MobilePhone = index == 2 ? "06 12 34 56 78" : null,
                EmailAddresses = [new FakeEmailAddress($"Contact {index}", $"contact{index}@example.com")],
            });
        }
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(string pathAndQuery, string? token = null)
    {
        using var response = await _graph.SendGraphAsync(HttpMethod.Get, pathAndQuery, null, token ?? _token);
        return (response.StatusCode, await GraphTestServer.ReadJsonAsync(response));
    }

    [Fact]
    public async Task List_returns_default_properties()
    {
        var (status, json) = await GetAsync($"users/{GraphTestServer.Alice.Id}/contacts");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{_graph.Server.GraphBaseAddress}$metadata#users('{GraphTestServer.Alice.Id}')/contacts", json.GetProperty("@odata.context").GetString());
        var contacts = json.GetProperty("value");
        Assert.Equal(5, contacts.GetArrayLength());

        var first = contacts[0];
        Assert.Equal("c-1", first.GetProperty("id").GetString());
        Assert.Equal("Contact 1", first.GetProperty("displayName").GetString());
        Assert.Equal(["01 23 45 67 81"], first.GetProperty("businessPhones").EnumerateArray().Select(phone => phone.GetString()));
        Assert.Equal(["+33 4 78 12 34 56", "04 78 00 00 00"], first.GetProperty("homePhones").EnumerateArray().Select(phone => phone.GetString()));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("mobilePhone").ValueKind);
        Assert.Equal("contact1@example.com", first.GetProperty("emailAddresses")[0].GetProperty("address").GetString());
        Assert.Equal("06 12 34 56 78", contacts[1].GetProperty("mobilePhone").GetString());
    }

    [Fact]
    public async Task Select_limits_properties()
    {
        var (status, json) = await GetAsync("users/alice@contoso.com/contacts?$select=displayName,mobilePhone");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.EndsWith("/contacts(id,displayName,mobilePhone)", json.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        var first = json.GetProperty("value")[0];
        Assert.Equal(["id", "displayName", "mobilePhone"], first.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task Paging_follows_next_link()
    {
        var names = new List<string?>();
        var (status, json) = await GetAsync("users/alice@contoso.com/contacts?$top=2&$select=displayName");
        var pages = 1;
        while (true)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            names.AddRange(json.GetProperty("value").EnumerateArray().Select(contact => contact.GetProperty("displayName").GetString()));
            if (!json.TryGetProperty("@odata.nextLink", out var next))
            {
                break;
            }

            var link = new Uri(next.GetString()!);
            Assert.Equal(_graph.Server.BaseAddress.Authority, link.Authority);
            (status, json) = await GetAsync(link.PathAndQuery["/v1.0/".Length..]);
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(["Contact 1", "Contact 2", "Contact 3", "Contact 4", "Contact 5"], names);
    }

    [Fact]
    public async Task Default_page_size_is_ten()
    {
        for (var index = 6; index <= 12; index++)
        {
            _graph.Server.AddContact("alice@contoso.com", new FakeContact { Id = $"c-{index}", DisplayName = $"Contact {index}" });
        }

        var (_, json) = await GetAsync("users/alice@contoso.com/contacts");

        Assert.Equal(10, json.GetProperty("value").GetArrayLength());
        Assert.True(json.TryGetProperty("@odata.nextLink", out _));
    }

    [Fact]
    public async Task Missing_contacts_role_is_forbidden()
    {
        var token = await _graph.GetTokenAsync();

        using var response = await _graph.SendGraphAsync(HttpMethod.Get, "users/alice@contoso.com/contacts", null, token);
        var (code, message, innerError) = await GraphTestServer.ReadErrorAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ErrorAccessDenied", code);
        Assert.Contains("Contacts.Read", message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(innerError.GetProperty("request-id").GetString()));
    }

    [Fact]
    public async Task User_without_contacts_has_empty_list()
    {
        var (status, json) = await GetAsync("users/bob@contoso.com/contacts");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, json.GetProperty("value").GetArrayLength());
        Assert.False(json.TryGetProperty("@odata.nextLink", out _));
    }

    [Theory]
    [InlineData("users/nobody@contoso.com/contacts", HttpStatusCode.NotFound)]
    [InlineData("users/alice@contoso.com/contacts?$top=0", HttpStatusCode.BadRequest)]
    [InlineData("users/alice@contoso.com/contacts?$top=1001", HttpStatusCode.BadRequest)]
    [InlineData("users/alice@contoso.com/contacts?$select=faxNumber", HttpStatusCode.BadRequest)]
    [InlineData("users/alice@contoso.com/contacts?$filter=displayName eq 'x'", HttpStatusCode.BadRequest)]
    [InlineData("users/alice@contoso.com/contacts?$skiptoken=garbage", HttpStatusCode.BadRequest)]
    public async Task Bad_request_gets_graph_error(string pathAndQuery, HttpStatusCode expected)
    {
        using var response = await _graph.SendGraphAsync(HttpMethod.Get, pathAndQuery, null, _token);
        var (code, message, _) = await GraphTestServer.ReadErrorAsync(response);

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(code));
        Assert.False(string.IsNullOrEmpty(message));
    }

    [Fact]
    public async Task Users_select_includes_phones()
    {
        var (status, json) = await GetAsync("users?$select=id,displayName,userPrincipalName,mail,businessPhones,mobilePhone");

        Assert.Equal(HttpStatusCode.OK, status);
        var alice = json.GetProperty("value")[0];
        Assert.Equal("+33 1 23 45 67 89", alice.GetProperty("businessPhones")[0].GetString());
        Assert.Equal("+33 6 12 34 56 78", alice.GetProperty("mobilePhone").GetString());
    }
}
