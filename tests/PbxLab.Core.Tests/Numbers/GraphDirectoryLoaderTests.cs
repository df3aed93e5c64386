using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PbxLab.Core.Configuration;
using PbxLab.Core.Diagnostics;
using PbxLab.Core.Directory;
using PbxLab.Core.Graph;
using PbxLab.Core.History;
using PbxLab.Core.Numbers;
using PbxLab.Core.Tests.TestSupport;

namespace PbxLab.Core.Tests.Numbers;

/// <summary>The directory loader against a Graph served over loopback HTTP, with scripted users and contacts pages.</summary>
public sealed class GraphDirectoryLoaderTests : IAsyncLifetime
{
    private const string Alice = "alice@contoso.com";
    private const string Forbidden = """{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private GraphTestServer _server = null!;
    private GatewayDiagnostics _diagnostics = null!;
    private GraphDirectoryLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _server = await GraphTestServer.StartAsync();
        _diagnostics = new GatewayDiagnostics(_time, NullLogger<GatewayDiagnostics>.Instance);
        var options = new GatewayOptions
        {
            TenantId = "contoso.onmicrosoft.com",
            ClientId = "6f1e4c52-3b7a-4e55-9d3c-2a8f0b1c9e77",
            ClientSecret = "test-secret",
            TokenBaseUrl = _server.TokenBaseUrl,
            GraphBaseUrl = _server.GraphBaseUrl,
        };
        var tokens = new EntraTokenClient(_http, options, _time, _diagnostics, NullLogger.Instance);
        var graph = new GraphClient(_http, tokens, _time, _diagnostics, NullLogger.Instance);
        _loader = new GraphDirectoryLoader(graph, _server.GraphBaseUrl, new PhoneNumberNormalizer(DialPlan.MiVoiceOffice400), _time, NullLogger.Instance);
    }

    public async Task DisposeAsync()
    {
        await _loader.DisposeAsync();
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Load_follows_next_links()
    {
        _server.Script = request => request switch
        {
            { IsUserListing: true } when !request.Query.Contains("$skiptoken", StringComparison.Ordinal) => Page(
                [new { id = "u-1", displayName = "Claire Dubois", businessPhones = new[] { "01 23 45 67 89" }, mobilePhone = (string?)null }],
                $"{_server.GraphBaseUrl}/users?$skiptoken=2"),
            { IsUserListing: true } => Page([new { id = "u-2", displayName = "Marc Petit", businessPhones = Array.Empty<string>(), mobilePhone = (string?)"+33 6 12 34 56 78" }], null),
            _ when IsContacts(request) && !request.Query.Contains("$skiptoken", StringComparison.Ordinal) => Page(
                [new { displayName = "Plumber", businessPhones = Array.Empty<string>(), homePhones = new[] { "04 78 12 34 56" }, mobilePhone = (string?)null }],
                $"{_server.GraphBaseUrl}/users/{Alice}/contacts?$skiptoken=1"),
            _ when IsContacts(request) => Page([new { displayName = "Dentist", businessPhones = new[] { "0033 4 72 00 00 01" }, homePhones = Array.Empty<string>(), mobilePhone = (string?)null }], null),
            _ => null,
        };

        var index = await _loader.LoadAsync([Alice], CancellationToken.None);

        Assert.NotNull(index);
        Assert.Same(index, _loader.Current);
        Assert.Equal("Claire Dubois", index.Lookup("+33123456789", Alice).Name);
        Assert.Equal("Marc Petit", index.Lookup("+33612345678", Alice).Name);
        Assert.Equal("Plumber", index.Lookup("+33478123456", Alice).Name);
        Assert.Equal(RemoteNameSource.Contact, index.Lookup("+33472000001", Alice).Source);
        Assert.Equal(4, index.EntryCount);

        var graphRequests = _server.Requests.Where(request => !request.IsToken).ToList();
        Assert.Equal(4, graphRequests.Count);
        Assert.Equal("$select=id,displayName,userPrincipalName,mail,businessPhones,mobilePhone", graphRequests[0].Query);
        Assert.Equal($"/v1.0/users/{Alice}/contacts", graphRequests[2].Path);
        Assert.Equal("$select=displayName,businessPhones,homePhones,mobilePhone", graphRequests[2].Query);
        Assert.Empty(_diagnostics.Entries);
    }

    [Fact]
    public async Task Contacts_forbidden_names_permission()
    {
        _server.Script = request => request switch
        {
            { IsUserListing: true } => Page([new { id = "u-1", displayName = "Claire Dubois", businessPhones = new[] { "+33 1 23 45 67 89" } }], null),
            _ when IsContacts(request) => new ScriptedResponse(403, Forbidden),
            _ => null,
        };

        var index = await _loader.LoadAsync([Alice], CancellationToken.None);

        Assert.NotNull(index);
        Assert.Equal("Claire Dubois", index.Lookup("+33123456789", Alice).Name);
        var diagnostic = Assert.Single(_diagnostics.OfKind(DiagnosticKind.GraphForbidden));
        Assert.Equal("Contacts.Read", diagnostic.Code);
        Assert.Equal(Alice, diagnostic.Email);
        Assert.Contains("Contacts.Read", diagnostic.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_forbidden_keeps_previous_index()
    {
        _server.Script = request => request.IsUserListing ? new ScriptedResponse(403, Forbidden) : null;

        var index = await _loader.LoadAsync([Alice], CancellationToken.None);

        Assert.Null(index);
        Assert.Same(DirectoryIndex.Empty, _loader.Current);
        var diagnostic = Assert.Single(_diagnostics.OfKind(DiagnosticKind.GraphForbidden));
        Assert.Equal("User.Read.All", diagnostic.Code);
        Assert.DoesNotContain(_server.Requests, IsContacts);
    }

    [Fact]
    public async Task Unreadable_page_fails_load()
    {
        _server.Script = request => request.IsUserListing ? new ScriptedResponse(200, """{"value": 12}""") : null;

        Assert.Null(await _loader.LoadAsync([Alice], CancellationToken.None));
        Assert.Same(DirectoryIndex.Empty, _loader.Current);
    }

    [Fact]
    public async Task Refresh_runs_on_interval()
    {
        var name = "Claire Dubois";
        _server.Script = request => request switch
        {
            { IsUserListing: true } => Page([new { id = "u-1", displayName = name, businessPhones = new[] { "+33 1 23 45 67 89" } }], null),
            _ when IsContacts(request) => Page([], null),
            _ => null,
        };
        var loads = 0;
        _loader.Loaded += _ => Interlocked.Increment(ref loads);

        _loader.Start([Alice], TimeSpan.FromMinutes(30));
        await Eventually.HoldsAsync(() => Volatile.Read(ref loads) == 1, "first load");
        name = "Claire Martin";
        _time.Advance(TimeSpan.FromMinutes(29));
        await Eventually.SettleAsync();

        Assert.Equal(1, Volatile.Read(ref loads));

        _time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(() => Volatile.Read(ref loads) == 2, "refresh after 30 minutes");

        Assert.Equal("Claire Martin", _loader.Current.Lookup("+33123456789", Alice).Name);
    }

    [Fact]
    public async Task Failed_first_load_still_finishes()
    {
        _server.Script = request => request switch
        {
            { IsUserListing: true } => new ScriptedResponse(403, Forbidden),
            _ => null,
        };
        Assert.Equal(0, _loader.FinishedLoads);

        _loader.Start([Alice], TimeSpan.FromMinutes(30));
        await Eventually.HoldsAsync(() => _loader.FinishedLoads == 1, "first load ended");

        Assert.Same(DirectoryIndex.Empty, _loader.Current);
    }

    private static bool IsContacts(RecordedRequest request) => request.Method == "GET" && request.Path.EndsWith("/contacts", StringComparison.Ordinal);

    private static ScriptedResponse Page(object[] items, string? nextLink)
    {
        var body = new Dictionary<string, object> { ["value"] = items };
        if (nextLink is not null)
        {
            body["@odata.nextLink"] = nextLink;
        }

        return new ScriptedResponse(200, JsonSerializer.Serialize(body));
    }
}
