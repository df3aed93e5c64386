using Microsoft.Extensions.Logging;
using PbxLab.Core.Configuration;
using PbxLab.Core.Diagnostics;
using PbxLab.Core.Graph;
using PbxLab.Core.Links;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Gateway;

/// <summary>
/// The core gateway: connects to each configured PBX through a link, combines the presence of
/// every monitored user, and keeps their app presence session in Microsoft Graph up to date.
/// Problems go to <see cref="Diagnostics"/>; every step goes to <see cref="Trace"/>.
/// </summary>
public sealed partial class GatewayHost : IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly HttpClient _httpClient;
    private readonly GraphUserMatcher _matcher;
    private readonly GraphPresenceWriter _writer;
    private readonly GraphClient _graphClient;
    private readonly Lock _stateLock = new();
    private readonly List<GatewayUser> _users;
    private readonly Dictionary<(string Link, string Device), GatewayUser> _usersByDevice = [];
    private readonly List<IPbxLink> _links = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _matching = Task.CompletedTask;
    private bool _disposed;

    private GatewayHost(GatewayOptions options, TimeProvider timeProvider, ILoggerFactory loggerFactory, HttpMessageHandler? httpHandler)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<GatewayHost>();
        Diagnostics = new GatewayDiagnostics(timeProvider, loggerFactory.CreateLogger<GatewayDiagnostics>());

        _httpClient = httpHandler is null
            ? new HttpClient(new SocketsHttpHandler())
            : new HttpClient(httpHandler, disposeHandler: false);

        var graphLogger = loggerFactory.CreateLogger("PbxLab.Core.Graph");
        var tokenClient = new EntraTokenClient(_httpClient, options, timeProvider, Diagnostics, graphLogger);
        var graphClient = new GraphClient(_httpClient, tokenClient, timeProvider, Diagnostics, graphLogger);
        _graphClient = graphClient;
        _matcher = new GraphUserMatcher(graphClient, options.GraphBaseUrl, Diagnostics, graphLogger);
        _writer = new GraphPresenceWriter(graphClient, options, timeProvider, Diagnostics, graphLogger, OnGraphWritten);
        _users = BuildUsers(options);
        foreach (var user in _users.Where(user => user.WithinRoleLimit))
        {
            _usersByDevice[(Key(user.Link.Name), user.Device)] = user;
        }
    }

    /// <summary>Raised for every step: line state and presence changes, matches, Graph writes. Runs on the thread that took the step.</summary>
    public event Action<GatewayTraceEntry>? Trace;

    public GatewayDiagnostics Diagnostics { get; }

    /// <summary>Requests the gateway's PBX links have sent and not yet had a response to.</summary>
    public int PendingLinkRequests => _links.Sum(link => link.PendingRequestCount);

    /// <summary>Each connected link's local address and the messages it has handled on that connection.</summary>
    public IReadOnlyList<LinkTraffic> LinkTraffic => [.. _links.Select(link => link.Traffic).OfType<LinkTraffic>()];

    /// <summary>A snapshot of every configured user, in configuration order.</summary>
    public IReadOnlyList<GatewayUserStatus> Users
    {
        get
        {
            lock (_stateLock)
            {
                return [.. _users.Select(user => user.ToStatus())];
            }
        }
    }

    /// <summary>
    /// Validates the options, creates one link per configured PBX through <paramref name="linkFactory"/>
    /// and starts it, and starts matching users in Entra. Returns once everything is started; links
    /// connect and users match in the background.
    /// </summary>
    /// <param name="httpHandler">Handler for Graph and token requests; null for a default SocketsHttpHandler. Not disposed by the host.</param>
    /// <exception cref="GatewayConfigurationException">The options have errors; nothing was started.</exception>
    public static async Task<GatewayHost> StartAsync(
        GatewayOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        Func<PbxLinkOptions, IPbxLinkSink, IPbxLink> linkFactory,
        HttpMessageHandler? httpHandler = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(linkFactory);

        var errors = GatewayOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new GatewayConfigurationException(errors);
        }

        var host = new GatewayHost(options, timeProvider, loggerFactory, httpHandler);
        try
        {
            host.ReportRoleLimits();
            await host.StartHistoryAsync(host._graphClient, loggerFactory, cancellationToken);
            await host.StartLinksAsync(linkFactory, cancellationToken);
            host._matching = Task.Run(() => host.MatchUsersAsync(host._stopping.Token), CancellationToken.None);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        GatewayLog.Started(host._logger, options.Users.Count, options.PbxLinks.Count, options.GraphBaseUrl, options.TenantId, options.ClientId);
        return host;
    }

    /// <summary>Returns the combined CloudLink presence of a user (what Mitel One shows); Unknown for an email not configured.</summary>
    public CloudLinkPresence GetCloudLinkPresence(string email)
    {
        lock (_stateLock)
        {
            return FindUser(email)?.Presence ?? CloudLinkPresence.Unknown;
        }
    }

    /// <summary>
    /// Stops the links, user matching and presence writes, then clears the presence sessions the
    /// gateway has set, once each. A session that cannot be cleared expires on its own.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();

        foreach (var link in _links)
        {
            try
            {
                await link.DisposeAsync();
            }
            catch (Exception exception)
            {
                GatewayLog.LinkDisposeFailed(_logger, exception, link.Name);
            }
        }

        try
        {
            await _matching;
        }
        catch (OperationCanceledException)
        {
            // Matching ends by cancellation on shutdown.
        }

        await StopHistoryAsync();
        await _writer.DisposeAsync();
        _httpClient.Dispose();
        _stopping.Dispose();
        GatewayLog.Stopped(_logger);
    }

    /// <summary>
    /// Builds the users in configuration order. The users of each link count against its profile's
    /// role limit in that order, so the ones listed last are those left out.
    /// </summary>
    private static List<GatewayUser> BuildUsers(GatewayOptions options)
    {
        var links = options.PbxLinks.ToDictionary(link => Key(link.Name));
        var usersPerLink = new Dictionary<string, int>();
        var users = new List<GatewayUser>();
        foreach (var configuration in options.Users)
        {
            var link = links[Key(configuration.Pbx)];
            var profile = PbxProfile.Find(link.Profile)!;
            var position = usersPerLink.GetValueOrDefault(Key(link.Name));
            usersPerLink[Key(link.Name)] = position + 1;
            users.Add(new GatewayUser(configuration, link, profile, withinRoleLimit: position < profile.RoleLimit));
        }

        return users;
    }

    private void ReportRoleLimits()
    {
        foreach (var user in _users.Where(user => !user.WithinRoleLimit))
        {
            Diagnostics.Report(
                DiagnosticKind.RoleLimitExceeded,
                $"{user.Email} is not monitored: {user.Link.Name} ({user.Profile.DisplayName}) allows at most {user.Profile.RoleLimit} users with a CloudLink role and this user is beyond that limit. Move users to another PBX or remove users from the configuration.",
                user.Email, user.Device, user.Link.Name, user.Profile.RoleLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private async Task StartLinksAsync(Func<PbxLinkOptions, IPbxLinkSink, IPbxLink> linkFactory, CancellationToken cancellationToken)
    {
        var sink = new LinkSink(this);
        foreach (var linkConfiguration in _options.PbxLinks)
        {
            var devices = _users
                .Where(user => user.Link == linkConfiguration && user.WithinRoleLimit)
                .Select(user => user.Device)
                .ToList();

            var linkOptions = new PbxLinkOptions(linkConfiguration.Name, linkConfiguration.Host, linkConfiguration.Port, linkConfiguration.Profile.ToLowerInvariant(), devices);
            var link = linkFactory(linkOptions, sink);
            _links.Add(link);
            try
            {
                // The links run until the host is disposed. Given the start token, which pbxlab gateway cancels
                // on Ctrl+C, a link would stop before DisposeAsync marks the stop as requested, and the
                // shutdown would be reported as a link failure.
                cancellationToken.ThrowIfCancellationRequested();
                await link.StartAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                GatewayLog.LinkStartFailed(_logger, exception, linkConfiguration.Name);
                Diagnostics.Report(DiagnosticKind.LinkDown, $"Link {linkConfiguration.Name} to {linkConfiguration.Host}:{linkConfiguration.Port} could not be started: {exception.Message}", link: linkConfiguration.Name);
            }
        }
    }

    private GatewayUser? FindUser(string email) =>
        _users.FirstOrDefault(user => string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase));

    private static string Key(string linkName) => linkName.ToUpperInvariant();

    private void OnGraphWritten(string email, GraphWriteRecord record)
    {
        lock (_stateLock)
        {
            var user = FindUser(email);
            if (user is not null)
            {
                user.LastWrite = record;
            }
        }

        var refresh = record.IsRefresh ? " (refresh)" : "";
        RaiseTrace(GatewayTraceKind.GraphWrite, email, null, $"{record.Write}{refresh}: {record.StatusCode}");
    }

    private void RaiseTrace(GatewayTraceKind kind, string? email, string? link, string detail)
    {
        var handler = Trace;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(new GatewayTraceEntry(_timeProvider.GetUtcNow(), kind, email, link, detail));
        }
        catch (Exception exception)
        {
            GatewayLog.TraceSubscriberFailed(_logger, exception);
        }
    }
}
