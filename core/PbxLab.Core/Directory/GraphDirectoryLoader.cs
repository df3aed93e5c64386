using Microsoft.Extensions.Logging;
using PbxLab.Core.Diagnostics;
using PbxLab.Core.Graph;
using PbxLab.Core.Numbers;

namespace PbxLab.Core.Directory;

/// <summary>
/// Loads the Entra users and the Outlook contacts of each monitored user from Graph, following
/// @odata.nextLink through every page, and builds a <see cref="DirectoryIndex"/>. Needs the
/// application permissions User.Read.All and Contacts.Read. A 403 is reported by
/// <see cref="GraphClient"/> as a GraphForbidden diagnostic naming the missing permission.
/// </summary>
internal sealed class GraphDirectoryLoader : IAsyncDisposable
{
    public const string UsersRole = "User.Read.All";

    public const string ContactsRole = "Contacts.Read";

    /// <summary>Label in diagnostics and logs for the directory-wide user listing, which belongs to no one user.</summary>
    public const string DirectoryOperationEmail = "(all users)";

    /// <summary>Upper bound of pages per listing, so that a server sending endless next links cannot stall a refresh.</summary>
    private const int MaxPages = 1000;

    /// <summary>How many numbers that could not be normalised the load warning quotes.</summary>
    private const int SkippedExamples = 3;

    private readonly GraphClient _graphClient;
    private readonly Uri _graphBaseUrl;
    private readonly PhoneNumberNormalizer _normalizer;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _refreshLoop = Task.CompletedTask;
    private DirectoryIndex _current = DirectoryIndex.Empty;
    private int _finishedLoads;
    private IReadOnlyDictionary<string, IReadOnlyList<OutlookContactRecord>> _currentContacts =
        new Dictionary<string, IReadOnlyList<OutlookContactRecord>>(StringComparer.OrdinalIgnoreCase);

    public GraphDirectoryLoader(GraphClient graphClient, string graphBaseUrl, PhoneNumberNormalizer normalizer, TimeProvider timeProvider, ILogger logger)
    {
        _graphClient = graphClient;
        _graphBaseUrl = new Uri(graphBaseUrl.TrimEnd('/') + "/");
        _normalizer = normalizer;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The latest index; empty until the first load succeeds.</summary>
    public DirectoryIndex Current => Volatile.Read(ref _current);

    /// <summary>The Outlook contacts of each monitored user (keyed by email, ignoring case) from the latest load.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OutlookContactRecord>> CurrentContacts => Volatile.Read(ref _currentContacts);

    /// <summary>
    /// Number of loads of the refresh loop that have ended, whether they succeeded or failed. A
    /// caller that must not name calls before the first load can wait for it to be above zero.
    /// </summary>
    public int FinishedLoads => Volatile.Read(ref _finishedLoads);

    /// <summary>Raised each time a load replaces <see cref="Current"/>, on the loading thread.</summary>
    public event Action<DirectoryIndex>? Loaded;

    /// <summary>
    /// Loads the directory once and makes it current. Returns null and keeps the current index when
    /// the user listing fails; a failed contact listing only leaves that user's contacts out.
    /// </summary>
    /// <param name="monitoredEmails">Users whose contacts are loaded; each is used as the {id | userPrincipalName} of the contacts path.</param>
    public async Task<DirectoryIndex?> LoadAsync(IReadOnlyList<string> monitoredEmails, CancellationToken cancellationToken)
    {
        var usersUri = new Uri(_graphBaseUrl, "users?$select=id,displayName,userPrincipalName,mail,businessPhones,mobilePhone");
        var users = await ReadAllPagesAsync(usersUri, "directory load", DirectoryOperationEmail, UsersRole, GraphDirectoryJson.ReadUser, cancellationToken);
        if (users is null)
        {
            return null;
        }

        var contactsByOwner = new Dictionary<string, IReadOnlyList<OutlookContactRecord>>(StringComparer.OrdinalIgnoreCase);
        foreach (var email in monitoredEmails.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // NOTE: Graph accepts a userPrincipalName in the path; a CloudLink email that matches
            // only the primary mail would need the Entra object id instead.
            var contactsUri = new Uri(_graphBaseUrl, $"users/{Uri.EscapeDataString(email)}/contacts?$select=displayName,businessPhones,homePhones,mobilePhone");
            var contacts = await ReadAllPagesAsync(contactsUri, "contacts load", email, ContactsRole, GraphDirectoryJson.ReadContact, cancellationToken);
            if (contacts is not null)
            {
                contactsByOwner[email] = contacts;
            }
        }

        var index = DirectoryIndex.Build(new DirectorySnapshot(users, contactsByOwner), _normalizer);
        // A large directory can contain thousands of numbers written for another region. So one
        // warning quotes a few examples, and each number is logged at Debug level.
        foreach (var skipped in index.SkippedNumbers)
        {
            DirectoryLog.NumberSkipped(_logger, skipped);
        }

        if (index.SkippedNumbers.Count > 0)
        {
            var examples = string.Join("; ", index.SkippedNumbers.Take(SkippedExamples));
            DirectoryLog.NumbersSkipped(_logger, index.SkippedNumbers.Count, examples);
        }

        DirectoryLog.Loaded(_logger, users.Count, contactsByOwner.Values.Sum(contacts => contacts.Count), contactsByOwner.Count, index.SkippedNumbers.Count);
        Volatile.Write(ref _currentContacts, contactsByOwner);
        Volatile.Write(ref _current, index);
        Loaded?.Invoke(index);
        return index;
    }

    /// <summary>Loads the directory now and again every <paramref name="refreshInterval"/> on the TimeProvider, until disposed.</summary>
    public void Start(IReadOnlyList<string> monitoredEmails, TimeSpan refreshInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(refreshInterval, TimeSpan.Zero);
        _refreshLoop = RefreshLoopAsync([.. monitoredEmails], refreshInterval, _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _refreshLoop;
        }
        catch (OperationCanceledException)
        {
            // Expected: disposal cancels the loop's wait or request.
        }

        _stopping.Dispose();
    }

    private async Task RefreshLoopAsync(IReadOnlyList<string> monitoredEmails, TimeSpan refreshInterval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // The next load is due one interval after this one started, however long this one takes.
            var nextLoadAt = _timeProvider.GetUtcNow() + refreshInterval;
            try
            {
                await LoadAsync(monitoredEmails, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                DirectoryLog.RefreshFailed(_logger, exception.Message, nextLoadAt);
            }

            Interlocked.Increment(ref _finishedLoads);

            var wait = nextLoadAt - _timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _timeProvider, cancellationToken);
            }
        }
    }

    private async Task<List<T>?> ReadAllPagesAsync<T>(
        Uri firstPage, string operation, string email, string role, Func<System.Text.Json.JsonElement, T?> read, CancellationToken cancellationToken)
        where T : class
    {
        var items = new List<T>();
        Uri? next = firstPage;
        var pages = 0;

        while (next is not null)
        {
            if (++pages > MaxPages)
            {
                DirectoryLog.TooManyPages(_logger, email, MaxPages);
                break;
            }

            var response = await _graphClient.SendAsync(new GraphRequest(HttpMethod.Get, next, operation, email, role), cancellationToken);
            if (!response.IsSuccess || !GraphDirectoryJson.TryReadPage(response.Body, read, items, out next))
            {
                var reason = response.IsSuccess
                    ? "the page is not a Graph collection ({\"value\": [...]}) or its @odata.nextLink is not an absolute URL"
                    : $"Graph returned {(int)response.StatusCode}";
                if (email == DirectoryOperationEmail)
                {
                    DirectoryLog.UsersFailed(_logger, operation, email, response.RequestId, reason);
                }
                else
                {
                    DirectoryLog.ContactsFailed(_logger, email, response.RequestId, reason);
                }

                return null;
            }
        }

        return items;
    }
}
