using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxLab.Simulators.Graph.Directory;
using PbxLab.Simulators.Graph.Http;
using PbxLab.Simulators.Graph.Identity;
using PbxLab.Simulators.Graph.Teams;

namespace PbxLab.Simulators.Graph;

/// <summary>
/// A stateful fake of Microsoft Graph v1.0 (presence and users) with a fake Entra v2.0 token endpoint,
/// served over real HTTP by Kestrel. The harness drives Teams clients, directory and faults through this
/// class; clients reach it through <see cref="GraphBaseAddress"/> and <see cref="TokenEndpoint"/>.
/// </summary>
public sealed class FakeGraphServer : IAsyncDisposable
{
    private readonly FakeGraphOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly GraphTokenIssuer _issuer;
    private readonly TokenEndpoint _tokenEndpoint;
    private readonly GraphApi _graphApi;
    private readonly ControlApi _controlApi;
    private readonly Lock _requestsLock = new();
    private readonly Queue<GraphRequestRecord> _requests = new();
    private WebApplication? _app;

    private FakeGraphServer(FakeGraphOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<FakeGraphServer>();

        Tenant = new FakeTenant(options.TenantId, options.TenantDomains);
        Directory = new FakeDirectory();
        Presence = new TeamsPresenceModel(timeProvider, options.TeamsClientLag);
        Faults = new FaultSettings(timeProvider);

        _issuer = new GraphTokenIssuer(timeProvider, options.SigningKey);
        _tokenEndpoint = new TokenEndpoint(Tenant, _issuer, timeProvider, _logger);
        _graphApi = new GraphApi(Tenant, Directory, Presence, _issuer, _logger, () => BaseAddress);
        _controlApi = new ControlApi(this);
    }

    /// <summary>http://{bind}:{port}/ with the port actually bound.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>http://{bind}:{port}/v1.0/, the base URL to give a Graph client.</summary>
    public Uri GraphBaseAddress => new(BaseAddress, "v1.0/");

    public FakeDirectory Directory { get; }

    public FakeTenant Tenant { get; }

    /// <summary>The Teams presence model behind the presence endpoints.</summary>
    public TeamsPresenceModel Presence { get; }

    public FaultSettings Faults { get; }

    /// <summary>Every request served so far (up to <see cref="FakeGraphOptions.MaxRecordedRequests"/>), oldest first.</summary>
    public IReadOnlyList<GraphRequestRecord> Requests
    {
        get
        {
            lock (_requestsLock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts Kestrel on the configured address and port and returns once it listens.</summary>
    public static async Task<FakeGraphServer> StartAsync(
        FakeGraphOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        var server = new FakeGraphServer(options, timeProvider, loggerFactory);
        await server.ListenAsync(loggerFactory, cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>http://{bind}:{port}/{tenant}/oauth2/v2.0/token.</summary>
    public Uri TokenEndpoint(string tenantId) => new(BaseAddress, $"{Uri.EscapeDataString(tenantId)}/oauth2/v2.0/token");

    /// <summary>Adds an app registration with one secret and the given consented roles.</summary>
    public FakeApplication AddApplication(string clientId, string secret, DateTimeOffset secretExpiresAt, params string[] consentedRoles) =>
        Tenant.AddApplication(new FakeApplication
        {
            ClientId = clientId,
            Secrets = [new FakeClientSecret(secret, secretExpiresAt)],
            ConsentedRoles = consentedRoles,
        });

    /// <summary>Sets the user's Teams client, which counts as one presence session unless NotRunning.</summary>
    public void SetTeamsClient(string userIdOrUpn, TeamsClientState state)
    {
        var user = Directory.Get(userIdOrUpn);
        Presence.SetTeamsClient(user.Id, state);
        GraphLog.TeamsClientSet(_logger, user.Id, state);
    }

    /// <summary>
    /// Sets user-preferred presence as the user would in Teams; the pair must be one setUserPreferredPresence accepts.
    /// </summary>
    public void SetUserPreferredPresence(string userIdOrUpn, string availability, string activity, TimeSpan? expiration = null)
    {
        var user = Directory.Get(userIdOrUpn);
        var pair = PresencePairs.FindPreferredPresencePair(availability, activity)
            ?? throw new ArgumentException(
                $"'{availability}/{activity}' is not a user-preferred presence; use one of: {PresencePairs.PreferredPresenceList}.", nameof(activity));

        var preferred = Presence.SetPreferredPresence(user.Id, pair, expiration);
        GraphLog.PreferredPresenceSet(_logger, user.Id, pair.ToString(), preferred.ExpiresAt);
    }

    public void ClearUserPreferredPresence(string userIdOrUpn)
    {
        var user = Directory.Get(userIdOrUpn);
        Presence.ClearPreferredPresence(user.Id);
        GraphLog.PreferredPresenceCleared(_logger, user.Id);
    }

    /// <summary>Returns what other Teams users see, after the Teams client lag.</summary>
    public PresenceView GetPresence(string userIdOrUpn) => Presence.GetPresence(Directory.Get(userIdOrUpn).Id);

    /// <summary>Returns the app session at the current time, or null when it does not exist or expired.</summary>
    public AppSessionView? GetAppSession(string userIdOrUpn, string sessionId) =>
        Presence.GetAppSession(Directory.Get(userIdOrUpn).Id, sessionId);

    /// <summary>Adds an Outlook contact to the mailbox of a user, found by object id or user principal name.</summary>
    public FakeContact AddContact(string ownerUserIdOrUpn, FakeContact contact) => Directory.AddContact(ownerUserIdOrUpn, contact);

    /// <summary>Adds every user, then every contact, of a generated or imported directory.</summary>
    public void LoadDirectory(GeneratedDirectory generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        foreach (var user in generated.Users)
        {
            Directory.AddUser(user);
        }

        foreach (var (owner, contact) in generated.Contacts)
        {
            Directory.AddContact(owner, contact);
        }

        GraphLog.DirectoryLoaded(_logger, generated.Users.Count, generated.Contacts.Count);
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests()
    {
        lock (_requestsLock)
        {
            _requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            GraphLog.ServerStopped(_logger, BaseAddress);
            _app = null;
        }

        _issuer.Dispose();
    }

    private async Task ListenAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_options.Bind, _options.Port);
        });

        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        // A wildcard bind is reached through loopback; an address of one family is used as it is.
        var host = _options.Bind switch
        {
            var any when any.Equals(IPAddress.Any) => "127.0.0.1",
            var any when any.Equals(IPAddress.IPv6Any) => "[::1]",
            { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 => $"[{v6}]",
            var v4 => v4.ToString(),
        };

        BaseAddress = new Uri($"http://{host}:{port}/");
        GraphLog.ServerStarted(_logger, BaseAddress, Tenant.TenantId);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var exchange = new GraphExchange(http, _timeProvider.GetUtcNow());
        var path = http.Request.Path.Value ?? "/";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);

        try
        {
            await DispatchAsync(exchange, segments).ConfigureAwait(false);
        }
        catch (GraphRequestException rejection)
        {
            GraphLog.RequestFailed(_logger, http.Request.Method, path, rejection.Status, rejection.Code, rejection.Message, exchange.RequestId);
            await exchange.WriteErrorAsync(rejection.Status, rejection.Code, rejection.Message).ConfigureAwait(false);
        }
        catch (Exception exception) when (http.RequestAborted.IsCancellationRequested || exception is BadHttpRequestException)
        {
            // The client went away mid-request (a gateway shutting down cancels its last writes);
            // there is nobody to answer, and it is not a fault of the fake.
            GraphLog.RequestAbandoned(_logger, http.Request.Method, path, exchange.RequestId, exception.Message);
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !http.Response.HasStarted)
        {
            GraphLog.RequestCrashed(_logger, exception, http.Request.Method, path, exchange.RequestId);
            await exchange.WriteErrorAsync(StatusCodes.Status500InternalServerError, "generalException",
                $"The fake Graph failed to handle the request: {exception.Message}").ConfigureAwait(false);
        }

        GraphLog.RequestServed(_logger, http.Request.Method, path, http.Response.StatusCode, exchange.RequestId, exchange.ClientRequestId);
        Record(new GraphRequestRecord(
            http.Request.Method,
            path,
            http.Request.QueryString.Value ?? "",
            http.Response.StatusCode,
            exchange.ReceivedAt,
            exchange.RequestId,
            exchange.ClientRequestId,
            exchange.ErrorCode));
    }

    private async Task DispatchAsync(GraphExchange exchange, string[] segments)
    {
        var http = exchange.Http;

        if (segments is [var tenantSegment, var oauth, var version, var token]
            && Is(oauth, "oauth2") && Is(version, "v2.0") && Is(token, "token"))
        {
            if (await _tokenEndpoint.HandleAsync(http, tenantSegment).ConfigureAwait(false) is { } error)
            {
                exchange.MarkError(error.Error, $"AADSTS{error.Code}: {error.Text}");
            }

            return;
        }

        if (segments is [var control, ..] && Is(control, "_pbxlab") && _options.EnableControlApi)
        {
            exchange.WriteStandardHeaders();
            await _controlApi.HandleAsync(exchange, segments[1..]).ConfigureAwait(false);
            return;
        }

        exchange.WriteStandardHeaders();
        if (segments is not [var graphVersion, ..] || !Is(graphVersion, "v1.0"))
        {
            throw new GraphRequestException(StatusCodes.Status404NotFound, "NotFound",
                $"No resource at '{http.Request.Path}'. Graph lives under /v1.0/ and tokens under /{{tenant}}/oauth2/v2.0/token.");
        }

        if (Faults.TryThrottle(exchange.ReceivedAt, out var retryAfterSeconds))
        {
            await WriteThrottledAsync(exchange, retryAfterSeconds).ConfigureAwait(false);
            return;
        }

        await _graphApi.HandleAsync(exchange, segments[1..]).ConfigureAwait(false);
    }

    private Task WriteThrottledAsync(GraphExchange exchange, int retryAfterSeconds)
    {
        GraphLog.RequestThrottled(_logger, exchange.Http.Request.Method, exchange.Http.Request.Path, retryAfterSeconds, exchange.RequestId);

        // Graph's 429 body carries code TooManyRequests and repeats the status inside innerError.
        exchange.Http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var innerError = new System.Text.Json.Nodes.JsonObject
        {
            ["code"] = "429",
            ["message"] = "Please retry after",
            ["status"] = "429",
        };

        return exchange.WriteErrorAsync(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Please retry again later.", innerError);
    }

    private void Record(GraphRequestRecord record)
    {
        lock (_requestsLock)
        {
            _requests.Enqueue(record);
            while (_requests.Count > Math.Max(1, _options.MaxRecordedRequests))
            {
                _requests.Dequeue();
            }
        }
    }

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);
}
