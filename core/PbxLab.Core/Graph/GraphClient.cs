using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using PbxLab.Core.Diagnostics;

namespace PbxLab.Core.Graph;

/// <summary>
/// Sends Graph requests with an app-only token and retries what retrying can fix: 429 after
/// Retry-After (exponential back-off when Graph sends none), 5xx and network failures with
/// back-off, and 401 once with a renewed token. Every wait runs on the injected TimeProvider.
/// A 403 is reported as <see cref="DiagnosticKind.GraphForbidden"/> naming the missing permission.
/// </summary>
internal sealed class GraphClient
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Floor for Retry-After, so that a server sending "Retry-After: 0" cannot make the client spin.</summary>
    private static readonly TimeSpan MinRetryAfter = TimeSpan.FromSeconds(1);

    private readonly HttpClient _httpClient;
    private readonly EntraTokenClient _tokenClient;
    private readonly TimeProvider _timeProvider;
    private readonly GatewayDiagnostics _diagnostics;
    private readonly ILogger _logger;

    public GraphClient(HttpClient httpClient, EntraTokenClient tokenClient, TimeProvider timeProvider, GatewayDiagnostics diagnostics, ILogger logger)
    {
        _httpClient = httpClient;
        _tokenClient = tokenClient;
        _timeProvider = timeProvider;
        _diagnostics = diagnostics;
        _logger = logger;
    }

    /// <summary>Sends a request, retrying until Graph returns a response that retrying cannot change or until cancellation.</summary>
    public async Task<GraphResponse> SendAsync(GraphRequest request, CancellationToken cancellationToken)
    {
        string? rejectedToken = null;
        var renewedAfterUnauthorized = false;
        var backoff = FirstBackoff;
        var attempt = 0;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            attempt++;

            string token;
            try
            {
                token = await _tokenClient.GetTokenAsync(rejectedToken, cancellationToken);
            }
            catch (TokenUnavailableException exception)
            {
                // The token client has reported the failure; wait for its next allowed attempt.
                await DelayUntilAsync(exception.RetryAt, cancellationToken);
                continue;
            }

            var clientRequestId = Guid.NewGuid().ToString();
            HttpResponseMessage response;
            try
            {
                using var message = BuildMessage(request, token, clientRequestId);
                response = await _httpClient.SendAsync(message, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var retryAt = _timeProvider.GetUtcNow() + backoff;
                GraphLog.RequestNotSent(_logger, request.Operation, request.Email, exception.Message, attempt, retryAt);
                backoff = Grow(backoff);
                await DelayUntilAsync(retryAt, cancellationToken);
                continue;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var requestId = ReadRequestId(response) ?? clientRequestId;
                var status = response.StatusCode;

                if (status == HttpStatusCode.Unauthorized && !renewedAfterUnauthorized)
                {
                    // The token may have been revoked or expired early: renew it once and retry.
                    renewedAfterUnauthorized = true;
                    rejectedToken = token;
                    GraphLog.TokenRenewedAfterUnauthorized(_logger, request.Operation, request.Email, requestId);
                    continue;
                }

                if (status == HttpStatusCode.TooManyRequests || (int)status >= 500)
                {
                    var now = _timeProvider.GetUtcNow();
                    var retryAt = status == HttpStatusCode.TooManyRequests && ReadRetryAfter(response, now) is { } retryAfter
                        ? Later(retryAfter, now + MinRetryAfter)
                        : now + backoff;
                    backoff = Grow(backoff);
                    GraphLog.RequestRetry(_logger, request.Operation, request.Email, (int)status, requestId, attempt, retryAt);
                    await DelayUntilAsync(retryAt, cancellationToken);
                    continue;
                }

                if (status == HttpStatusCode.Forbidden)
                {
                    _diagnostics.Report(
                        DiagnosticKind.GraphForbidden,
                        $"Graph returned 403 for {request.Operation} for {request.Email} (request-id {requestId}): the app registration lacks the application permission {request.RequiredRole} or its admin consent. Add {request.RequiredRole} as an application permission and grant admin consent.",
                        email: request.Email,
                        code: request.RequiredRole);
                }

                GraphLog.RequestCompleted(_logger, request.Operation, request.Email, status, requestId);
                return new GraphResponse(status, body, requestId);
            }
        }
    }

    /// <summary>
    /// Sends a request once, without retries, for shutdown when there is no time to wait.
    /// </summary>
    /// <exception cref="TokenUnavailableException">No token is available now.</exception>
    /// <exception cref="HttpRequestException">Graph could not be reached.</exception>
    public async Task<GraphResponse> SendOnceAsync(GraphRequest request, CancellationToken cancellationToken)
    {
        var token = await _tokenClient.GetTokenAsync(null, cancellationToken);
        var clientRequestId = Guid.NewGuid().ToString();
        using var message = BuildMessage(request, token, clientRequestId);
        using var response = await _httpClient.SendAsync(message, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new GraphResponse(response.StatusCode, body, ReadRequestId(response) ?? clientRequestId);
    }

    private static HttpRequestMessage BuildMessage(GraphRequest request, string token, string clientRequestId)
    {
        var message = new HttpRequestMessage(request.Method, request.Uri);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.Add("client-request-id", clientRequestId);
        if (request.JsonBody is not null)
        {
            message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
        }

        return message;
    }

    private static string? ReadRequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("request-id", out var values) ? values.FirstOrDefault() : null;

    /// <summary>
    /// Reads Retry-After as whole seconds or an HTTP date (RFC 9110, section 10.2.3). Graph's own
    /// throttling sample shows a decimal such as 2.128, so a decimal number of seconds is accepted too.
    /// </summary>
    internal static DateTimeOffset? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return now + delta;
        }

        if (header?.Date is { } date)
        {
            return date;
        }

        if (response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0)
        {
            return now + TimeSpan.FromSeconds(seconds);
        }

        return null;
    }

    private Task DelayUntilAsync(DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var delay = dueAt - _timeProvider.GetUtcNow();
        return delay > TimeSpan.Zero
            ? Task.Delay(delay, _timeProvider, cancellationToken)
            : Task.CompletedTask;
    }

    private static DateTimeOffset Later(DateTimeOffset first, DateTimeOffset second) => first > second ? first : second;

    private static TimeSpan Grow(TimeSpan backoff) => backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
}
