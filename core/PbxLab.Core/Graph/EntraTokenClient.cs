using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PbxLab.Core.Configuration;
using PbxLab.Core.Diagnostics;

namespace PbxLab.Core.Graph;

/// <summary>Thrown when no access token is available now; callers wait until <see cref="RetryAt"/>.</summary>
internal sealed class TokenUnavailableException(string message, DateTimeOffset retryAt) : Exception(message)
{
    public DateTimeOffset RetryAt { get; } = retryAt;
}

/// <summary>
/// Gets app-only access tokens for Graph with the OAuth 2.0 client-credentials grant of the Entra
/// v2.0 token endpoint, caches each until shortly before it expires, and backs off after failures
/// so that a rejected secret is never hammered.
/// </summary>
internal sealed class EntraTokenClient
{
    public const string GraphScope = "https://graph.microsoft.com/.default";

    /// <summary>A token is renewed this long before it expires (half its lifetime if that is shorter).</summary>
    private static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private readonly HttpClient _httpClient;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly GatewayDiagnostics _diagnostics;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private string? _token;
    private DateTimeOffset _renewAt;
    private DateTimeOffset _nextAttemptAt;
    private TimeSpan _backoff = FirstBackoff;
    private string _lastFailure = "";

    public EntraTokenClient(HttpClient httpClient, GatewayOptions options, TimeProvider timeProvider, GatewayDiagnostics diagnostics, ILogger logger)
    {
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _diagnostics = diagnostics;
        _logger = logger;
    }

    /// <summary>
    /// Returns a valid access token, requesting a new one when none is cached, the cached one is due
    /// for renewal, or it equals <paramref name="rejectedToken"/> (Graph returned 401 for it).
    /// </summary>
    /// <exception cref="TokenUnavailableException">No token is available now. Its RetryAt is the time of the next allowed attempt.</exception>
    public async Task<string> GetTokenAsync(string? rejectedToken, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = _timeProvider.GetUtcNow();
            if (_token is not null && now < _renewAt && _token != rejectedToken)
            {
                return _token;
            }

            if (now < _nextAttemptAt)
            {
                throw new TokenUnavailableException(_lastFailure, _nextAttemptAt);
            }

            return await RequestTokenAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> RequestTokenAsync(CancellationToken cancellationToken)
    {
        var tokenUrl = _options.TokenUrl;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = _options.ClientId,
            ["client_secret"] = _options.ClientSecret,
            ["scope"] = GraphScope,
            ["grant_type"] = "client_credentials",
        });

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.PostAsync(tokenUrl, form, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw Unavailable(tokenUrl, $"the token endpoint {tokenUrl} could not be reached ({exception.Message}); check tokenBaseUrl and the network.");
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(tokenUrl, $"the token endpoint {tokenUrl} did not respond in time ({exception.Message}).");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return AcceptToken(tokenUrl, body);
            }

            if (EntraError.TryParse(body, out var error))
            {
                throw Rejected(tokenUrl, response.StatusCode, error);
            }

            throw Unavailable(tokenUrl, $"the token endpoint {tokenUrl} returned {(int)response.StatusCode} {response.ReasonPhrase} without an Entra error body; check tokenBaseUrl.");
        }
    }

    private string AcceptToken(Uri tokenUrl, string body)
    {
        string? token = null;
        var expiresIn = TimeSpan.Zero;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("access_token", out var accessToken)
                && accessToken.ValueKind == JsonValueKind.String)
            {
                token = accessToken.GetString();
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("expires_in", out var expires))
            {
                // Entra sends expires_in as a number of seconds; some servers send it as a string.
                var seconds = expires.ValueKind switch
                {
                    JsonValueKind.Number when expires.TryGetInt64(out var number) => number,
                    JsonValueKind.String when long.TryParse(expires.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
                    _ => 0,
                };
                expiresIn = TimeSpan.FromSeconds(seconds);
            }
        }
        catch (JsonException)
        {
            token = null;
        }

        if (string.IsNullOrEmpty(token) || expiresIn <= TimeSpan.Zero)
        {
            throw Unavailable(tokenUrl, $"the token endpoint {tokenUrl} returned 200 without access_token and a positive expires_in; check tokenBaseUrl.");
        }

        var margin = expiresIn / 2 < RenewalMargin ? expiresIn / 2 : RenewalMargin;
        var now = _timeProvider.GetUtcNow();
        _token = token;
        _renewAt = now + expiresIn - margin;
        _backoff = FirstBackoff;
        _nextAttemptAt = DateTimeOffset.MinValue;
        GraphLog.TokenAcquired(_logger, tokenUrl, expiresIn, _renewAt);
        return token;
    }

    private TokenUnavailableException Rejected(Uri tokenUrl, HttpStatusCode status, EntraError error)
    {
        var advice = EntraError.Advise(error, _options);
        var retryAt = ScheduleNextAttempt(advice);
        _diagnostics.Report(DiagnosticKind.TokenRejected, advice, code: error.AadstsCode is { } code ? $"AADSTS{code}" : error.Error);
        GraphLog.TokenRejected(_logger, tokenUrl, (int)status, error.Error, error.AadstsCode?.ToString(CultureInfo.InvariantCulture) ?? "-", retryAt, advice);
        return new TokenUnavailableException(advice, retryAt);
    }

    private TokenUnavailableException Unavailable(Uri tokenUrl, string reason)
    {
        var retryAt = ScheduleNextAttempt(reason);
        _diagnostics.Report(DiagnosticKind.TokenUnavailable, reason);
        GraphLog.TokenUnavailable(_logger, tokenUrl, retryAt, reason);
        return new TokenUnavailableException(reason, retryAt);
    }

    private DateTimeOffset ScheduleNextAttempt(string failure)
    {
        _token = null;
        _lastFailure = failure;
        _nextAttemptAt = _timeProvider.GetUtcNow() + _backoff;
        _backoff = _backoff * 2 > MaxBackoff ? MaxBackoff : _backoff * 2;
        return _nextAttemptAt;
    }
}
