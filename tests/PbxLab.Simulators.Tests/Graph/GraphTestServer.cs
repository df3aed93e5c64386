using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Simulators.Graph;
using PbxLab.Simulators.Graph.Directory;

namespace PbxLab.Simulators.Tests.Graph;

/// <summary>
/// A fake Graph on a loopback port with a fake clock, three users and three app registrations
/// (all roles, no roles, presence read only), plus a plain HttpClient to talk to it.
/// </summary>
internal sealed class GraphTestServer : IAsyncDisposable
{
    public const string ClientId = "11111111-1111-4111-8111-111111111111";
    public const string Secret = "s3cret~value";
    public const string NoRolesClientId = "22222222-2222-4222-8222-222222222222";
    public const string ReadOnlyClientId = "33333333-3333-4333-8333-333333333333";
    public const string GraphScope = "https://graph.microsoft.com/.default";

    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly FakeUser Alice = new()
    {
        Id = "aaaaaaaa-0000-4000-8000-000000000001",
        UserPrincipalName = "alice@contoso.com",
        Mail = "alice.smith@contoso.com",
        DisplayName = "Alice Smith",
        BusinessPhones = ["+33 1 23 45 67 89"],
        MobilePhone = "+33 6 12 34 56 78",
    };

    public static readonly FakeUser Bob = new()
    {
        Id = "bbbbbbbb-0000-4000-8000-000000000002",
        UserPrincipalName = "bob@contoso.com",
        Mail = "bob@contoso.com",
        DisplayName = "Bob Jones",
    };

    private GraphTestServer(FakeGraphServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public FakeGraphServer Server { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    // One signing key for every test server, because generating an RSA key takes seconds on a busy machine.
    internal static readonly RSA SharedSigningKey = RSA.Create(2048);

    /// <summary>Starts a server; <paramref name="ownSigningKey"/> makes it generate its own key instead of the shared one.</summary>
    public static async Task<GraphTestServer> StartAsync(TimeSpan? lag = null, int extraUsers = 0, bool ownSigningKey = false)
    {
        var time = new FakeTimeProvider(Start);
        var options = new FakeGraphOptions
        {
            TeamsClientLag = lag ?? TimeSpan.Zero,
            EnableControlApi = true,
            SigningKey = ownSigningKey ? null : SharedSigningKey,
        };
        var server = await FakeGraphServer.StartAsync(options, time, NullLoggerFactory.Instance);

        server.AddApplication(ClientId, Secret, Start.AddYears(1), "Presence.ReadWrite.All", "User.Read.All");
        server.AddApplication(NoRolesClientId, Secret, Start.AddYears(1));
        server.AddApplication(ReadOnlyClientId, Secret, Start.AddYears(1), "Presence.Read.All");

        server.Directory.AddUser(Alice);
        server.Directory.AddUser(Bob);
        for (var index = 1; index <= extraUsers; index++)
        {
            server.Directory.AddUser(new FakeUser
            {
                Id = $"cccccccc-0000-4000-8000-{index:D12}",
                UserPrincipalName = $"user{index}@contoso.com",
                Mail = $"user{index}@contoso.com",
                DisplayName = $"User {index}",
            });
        }

        return new GraphTestServer(server, time);
    }

    public Task<HttpResponseMessage> RequestTokenAsync(IDictionary<string, string> form, string? tenant = null) =>
        Http.PostAsync(Server.TokenEndpoint(tenant ?? Server.Tenant.TenantId), new FormUrlEncodedContent(form));

    public async Task<string> GetTokenAsync(string clientId = ClientId)
    {
        using var response = await RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = Secret,
            ["scope"] = GraphScope,
        });

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<HttpResponseMessage> SendGraphAsync(HttpMethod method, string relativePath, string? json = null, string? token = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Server.GraphBaseAddress, relativePath));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Reads Graph's error body and returns its code and message.</summary>
    public static async Task<(string Code, string Message, JsonElement InnerError)> ReadErrorAsync(HttpResponseMessage response)
    {
        var json = await ReadJsonAsync(response);
        var error = json.GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!, error.GetProperty("innerError"));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
