using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.Logging;
using PbxLab.Core.Configuration;
using PbxLab.Core.Diagnostics;
using PbxLab.Core.Presence;

namespace PbxLab.Core.Graph;

/// <summary>
/// Keeps each user's app presence session in Graph equal to the desired write. Writes per user run
/// one at a time and are coalesced: only the latest desired write is sent. A write is sent only when
/// it differs from the last one Graph accepted, or to refresh a set session
/// <see cref="PresenceOptions.RefreshBefore"/> before it expires, so a call of any length keeps the
/// user Busy. A write Graph rejects is tried again after <see cref="FailedWriteRetryDelay"/>.
/// </summary>
internal sealed class GraphPresenceWriter : IAsyncDisposable
{
    public const string RequiredRole = "Presence.ReadWrite.All";

    public static readonly TimeSpan FailedWriteRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>How long shutdown waits for the clearPresence of set sessions.</summary>
    private static readonly TimeSpan ShutdownClearTimeout = TimeSpan.FromSeconds(10);

    private readonly GraphClient _graphClient;
    private readonly Uri _graphBaseUrl;
    private readonly string _clientId;
    private readonly PresenceOptions _presence;
    private readonly TimeProvider _timeProvider;
    private readonly GatewayDiagnostics _diagnostics;
    private readonly ILogger _logger;
    private readonly Action<string, GraphWriteRecord> _onWritten;
    private readonly Dictionary<string, UserSession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _sessionsLock = new();
    private readonly CancellationTokenSource _stopping = new();

    public GraphPresenceWriter(
        GraphClient graphClient,
        GatewayOptions options,
        TimeProvider timeProvider,
        GatewayDiagnostics diagnostics,
        ILogger logger,
        Action<string, GraphWriteRecord> onWritten)
    {
        _graphClient = graphClient;
        _graphBaseUrl = new Uri(options.GraphBaseUrl.TrimEnd('/') + "/");
        _clientId = options.ClientId;
        _presence = options.Presence;
        _timeProvider = timeProvider;
        _diagnostics = diagnostics;
        _logger = logger;
        _onWritten = onWritten;
    }

    /// <summary>
    /// Sets the write the user's session should reflect; returns at once and the write follows in the
    /// background. Ignored once the writer is stopping.
    /// </summary>
    public void Submit(string email, string userId, GraphPresenceWrite write)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        UserSession session;
        lock (_sessionsLock)
        {
            if (!_sessions.TryGetValue(email, out session!))
            {
                session = new UserSession(email, userId, write);
                _sessions.Add(email, session);
                session.Loop = Task.Run(() => RunAsync(session, _stopping.Token));
                return;
            }
        }

        lock (session.Lock)
        {
            session.Desired = write;
            session.Wake.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        Task[] loops;
        lock (_sessionsLock)
        {
            loops = [.. _sessions.Values.Select(session => session.Loop)];
        }

        foreach (var loop in loops)
        {
            try
            {
                await loop;
            }
            catch (OperationCanceledException)
            {
                // The loop ends by cancellation on shutdown.
            }
        }

        await ClearSetSessionsAsync();
    }

    /// <summary>
    /// Clears every session the writer has set, once and without retries, so that a clean shutdown
    /// leaves no user Busy in Teams until the session expires.
    /// </summary>
    private async Task ClearSetSessionsAsync()
    {
        List<UserSession> setSessions;
        lock (_sessionsLock)
        {
            setSessions = [.. _sessions.Values.Where(session => session.Written is { IsClear: false })];
        }

        using var deadline = new CancellationTokenSource(ShutdownClearTimeout, _timeProvider);
        await Task.WhenAll(setSessions.Select(session => ClearAtShutdownAsync(session, deadline.Token)));
    }

    private async Task ClearAtShutdownAsync(UserSession session, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _graphClient.SendOnceAsync(BuildRequest(session, GraphPresenceWrite.Clear), cancellationToken);
            GraphLog.SessionClearedAtShutdown(_logger, session.Email, (int)response.StatusCode);
        }
        catch (Exception exception) when (exception is TokenUnavailableException or HttpRequestException or OperationCanceledException)
        {
            GraphLog.SessionNotClearedAtShutdown(_logger, exception, session.Email);
        }
    }

    private async Task RunAsync(UserSession session, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var step = NextStep(session);
            if (step.Write is null)
            {
                await WaitAsync(step.Wake, step.DueAt, cancellationToken);
                continue;
            }

            try
            {
                await WriteAsync(session, step.Write, step.IsRefresh, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var retryAt = _timeProvider.GetUtcNow() + FailedWriteRetryDelay;
                GraphLog.PresenceWriteCrashed(_logger, exception, session.Email, step.Write.ToString(), retryAt);
                lock (session.Lock)
                {
                    session.FailedWrite = step.Write;
                    session.RetryAt = retryAt;
                }
            }
        }
    }

    /// <summary>Decides, under the session lock, whether to write now or what to wait for.</summary>
    private Step NextStep(UserSession session)
    {
        lock (session.Lock)
        {
            // A new wake source is made before the desired write is read, so a Submit after this
            // point always wakes the wait below.
            if (session.Wake.Task.IsCompleted)
            {
                session.Wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            var now = _timeProvider.GetUtcNow();
            var desired = session.Desired;

            if (Equals(session.FailedWrite, desired) && now < session.RetryAt)
            {
                return new Step(null, false, session.Wake, session.RetryAt);
            }

            if (!Equals(session.Written, desired))
            {
                return new Step(desired, false, session.Wake, null);
            }

            if (!desired.IsClear && now >= session.RefreshAt)
            {
                return new Step(desired, true, session.Wake, null);
            }

            return new Step(null, false, session.Wake, desired.IsClear ? null : session.RefreshAt);
        }
    }

    private async Task WaitAsync(TaskCompletionSource wake, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        if (dueAt is null)
        {
            await wake.Task.WaitAsync(cancellationToken);
            return;
        }

        var delay = dueAt.Value - _timeProvider.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delayTask = Task.Delay(delay, _timeProvider, delayCancellation.Token);
        await Task.WhenAny(wake.Task, delayTask).WaitAsync(cancellationToken);
        await delayCancellation.CancelAsync();
    }

    private async Task WriteAsync(UserSession session, GraphPresenceWrite write, bool isRefresh, CancellationToken cancellationToken)
    {
        var sentAt = _timeProvider.GetUtcNow();
        var response = await _graphClient.SendAsync(BuildRequest(session, write), cancellationToken);

        // clearPresence returns 404 when the session does not exist, which is the state the write wants.
        var succeeded = response.IsSuccess || (write.IsClear && response.StatusCode == HttpStatusCode.NotFound);
        var now = _timeProvider.GetUtcNow();
        lock (session.Lock)
        {
            if (succeeded)
            {
                session.Written = write;
                session.FailedWrite = null;

                // The session's expiry counts from when Graph received the write, which is no earlier than sentAt.
                session.RefreshAt = sentAt + _presence.SessionExpiration - _presence.RefreshBefore;
            }
            else
            {
                session.Written = null;
                session.FailedWrite = write;
                session.RetryAt = now + FailedWriteRetryDelay;
            }
        }

        var status = (int)response.StatusCode;
        if (succeeded)
        {
            GraphLog.PresenceWritten(_logger, session.Email, write.ToString(), status, isRefresh);
        }
        else
        {
            GraphLog.PresenceWriteFailed(_logger, session.Email, write.ToString(), status, response.RequestId, now + FailedWriteRetryDelay);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                _diagnostics.Report(
                    DiagnosticKind.GraphRequestRejected,
                    $"Graph returned {status} for {write} for {session.Email} (request-id {response.RequestId}): {Truncate(response.Body)}. The write is tried again in {FailedWriteRetryDelay.TotalMinutes:0} minutes.",
                    email: session.Email,
                    code: status.ToString(CultureInfo.InvariantCulture));
            }
        }

        _onWritten(session.Email, new GraphWriteRecord(write, status, succeeded, isRefresh, now, response.RequestId));
    }

    private GraphRequest BuildRequest(UserSession session, GraphPresenceWrite write)
    {
        var userPath = $"users/{Uri.EscapeDataString(session.UserId)}/presence/";
        if (write.IsClear)
        {
            var clearBody = JsonSerializer.Serialize(new { sessionId = _clientId });
            return new GraphRequest(HttpMethod.Post, new Uri(_graphBaseUrl, userPath + "clearPresence"), "clearPresence", session.Email, RequiredRole, clearBody);
        }

        var setBody = JsonSerializer.Serialize(new
        {
            sessionId = _clientId,
            availability = write.Availability,
            activity = write.Activity,
            expirationDuration = XmlConvert.ToString(_presence.SessionExpiration),
        });
        return new GraphRequest(HttpMethod.Post, new Uri(_graphBaseUrl, userPath + "setPresence"), "setPresence", session.Email, RequiredRole, setBody);
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private sealed record Step(GraphPresenceWrite? Write, bool IsRefresh, TaskCompletionSource Wake, DateTimeOffset? DueAt);

    private sealed class UserSession(string email, string userId, GraphPresenceWrite desired)
    {
        public Lock Lock { get; } = new();

        public string Email { get; } = email;

        public string UserId { get; } = userId;

        public GraphPresenceWrite Desired { get; set; } = desired;

        /// <summary>The last write Graph accepted, or null when none is known to be in effect.</summary>
        public GraphPresenceWrite? Written { get; set; }

        public DateTimeOffset RefreshAt { get; set; }

        public GraphPresenceWrite? FailedWrite { get; set; }

        public DateTimeOffset RetryAt { get; set; }

        public TaskCompletionSource Wake { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Loop { get; set; } = Task.CompletedTask;
    }
}
