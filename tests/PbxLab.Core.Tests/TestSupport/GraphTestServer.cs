using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PbxLab.Core.Tests.TestSupport;

/// <summary>One request the test server received.</summary>
/// <param name="Path">URL path, for example /v1.0/users/u-1/presence/setPresence.</param>
/// <param name="Query">Decoded query string without the leading '?'.</param>
public sealed record RecordedRequest(int Sequence, string Method, string Path, string Query, string? Authorization, string Body)
{
    public bool IsToken => Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal);

    /// <summary>A lookup of one user by email (the gateway matching its users), not a listing of the directory.</summary>
    public bool IsUserLookup => Method == "GET" && Path.EndsWith("/users", StringComparison.Ordinal) && Query.Contains("$filter=", StringComparison.Ordinal);

    /// <summary>A listing of the whole directory (the directory loader), not a lookup by email.</summary>
    public bool IsUserListing => Method == "GET" && Path.EndsWith("/users", StringComparison.Ordinal) && !Query.Contains("$filter=", StringComparison.Ordinal);

    public bool IsSetPresence => Path.EndsWith("/presence/setPresence", StringComparison.Ordinal);

    public bool IsClearPresence => Path.EndsWith("/presence/clearPresence", StringComparison.Ordinal);

    public bool IsPresenceWrite => IsSetPresence || IsClearPresence;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public Dictionary<string, string> Form =>
        Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => WebUtility.UrlDecode(pair[0]), pair => WebUtility.UrlDecode(pair.Length > 1 ? pair[1] : ""));
}

/// <summary>A response a test scripts for one request.</summary>
public sealed record ScriptedResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A small Entra token endpoint and Graph presence/users API on 127.0.0.1 and an ephemeral port,
/// served by Kestrel so the gateway talks real HTTP. It records every request. A test can return
/// its own response to any request through <see cref="Script"/>. Otherwise the server behaves like
/// Graph: tokens for the client-credentials grant, user lookup by UPN or mail ignoring case, the
/// user listing with business phones, empty Outlook contacts, and per-user app sessions where
/// clearing a missing session returns 404.
/// </summary>
public sealed partial class GraphTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<DirectoryEntry> _directory = [];
    private readonly Dictionary<string, (string Availability, string Activity)> _sessions = [];
    private int _tokenCount;

    private GraphTestServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Answers a request instead of the default behaviour when it returns non-null. Called on server threads.</summary>
    public Func<RecordedRequest, ScriptedResponse?>? Script { get; set; }

    /// <summary>expires_in of the tokens the server issues, in seconds.</summary>
    public int TokenLifetimeSeconds { get; set; } = 86_400;

    public Uri BaseUrl { get; private set; } = null!;

    public string TokenBaseUrl => BaseUrl.ToString().TrimEnd('/');

    public string GraphBaseUrl => BaseUrl + "v1.0";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> PresenceWrites => [.. Requests.Where(request => request.IsPresenceWrite)];

    /// <summary>The app session of a user by Entra id, or null when none is set.</summary>
    public (string Availability, string Activity)? SessionOf(string userId)
    {
        lock (_lock)
        {
            return _sessions.TryGetValue(userId, out var session) ? session : null;
        }
    }

    public static async Task<GraphTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new GraphTestServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void AddUser(string id, string userPrincipalName, string? mail, string? displayName, params string[] businessPhones)
    {
        lock (_lock)
        {
            _directory.Add(new DirectoryEntry(id, userPrincipalName, mail, displayName, businessPhones));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        RecordedRequest request;
        lock (_lock)
        {
            request = new RecordedRequest(
                _requests.Count + 1,
                context.Request.Method,
                context.Request.Path.Value ?? "",
                Uri.UnescapeDataString(context.Request.QueryString.Value?.TrimStart('?') ?? ""),
                context.Request.Headers.Authorization.FirstOrDefault(),
                body);
            _requests.Add(request);
        }

        var response = Script?.Invoke(request) ?? Answer(request);
        context.Response.StatusCode = response.Status;
        context.Response.Headers["request-id"] = $"req-{request.Sequence}";
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body);
        }
    }

    private ScriptedResponse Answer(RecordedRequest request)
    {
        if (request.IsToken)
        {
            var token = $"token-{Interlocked.Increment(ref _tokenCount)}";
            return new ScriptedResponse(200, JsonSerializer.Serialize(new { token_type = "Bearer", expires_in = TokenLifetimeSeconds, access_token = token }));
        }

        if (request.IsUserLookup)
        {
            return new ScriptedResponse(200, JsonSerializer.Serialize(new { value = LookUp(request.Query) }));
        }

        if (request.IsUserListing)
        {
            return new ScriptedResponse(200, JsonSerializer.Serialize(new { value = ListUsers() }));
        }

        // Every user's Outlook contacts: none.
        if (request.Method == "GET" && request.Path.Split('/') is [.., "users", _, "contacts"])
        {
            return new ScriptedResponse(200, """{"value":[]}""");
        }

        var userId = request.Path.Split('/') is [.., "users", var id, "presence", _] ? id : null;
        if (userId is not null && request.IsSetPresence)
        {
            var json = request.Json;
            lock (_lock)
            {
                _sessions[userId] = (json.GetProperty("availability").GetString()!, json.GetProperty("activity").GetString()!);
            }

            return new ScriptedResponse(200);
        }

        if (userId is not null && request.IsClearPresence)
        {
            lock (_lock)
            {
                return _sessions.Remove(userId) ? new ScriptedResponse(200) : new ScriptedResponse(404, """{"error":{"code":"NotFound","message":"Session not found."}}""");
            }
        }

        return new ScriptedResponse(404, """{"error":{"code":"NotFound","message":"No such resource in the test server."}}""");
    }

    private List<object> LookUp(string query)
    {
        var match = PrincipalNameFilter().Match(query);
        var email = match.Success ? match.Groups["email"].Value.Replace("''", "'", StringComparison.Ordinal) : "";
        lock (_lock)
        {
            return _directory
                .Where(entry => string.Equals(entry.UserPrincipalName, email, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(entry.Mail, email, StringComparison.OrdinalIgnoreCase))
                .Select(entry => (object)new { id = entry.Id, userPrincipalName = entry.UserPrincipalName, mail = entry.Mail, displayName = entry.DisplayName })
                .ToList();
        }
    }

    private List<object> ListUsers()
    {
        lock (_lock)
        {
            return _directory
                .Select(entry => (object)new
                {
                    id = entry.Id,
                    displayName = entry.DisplayName,
                    userPrincipalName = entry.UserPrincipalName,
                    mail = entry.Mail,
                    businessPhones = entry.BusinessPhones,
                    mobilePhone = (string?)null,
                })
                .ToList();
        }
    }

    [GeneratedRegex("userPrincipalName eq '(?<email>(?:[^']|'')*)'")]
    private static partial Regex PrincipalNameFilter();

    private sealed record DirectoryEntry(string Id, string UserPrincipalName, string? Mail, string? DisplayName, string[] BusinessPhones);
}
