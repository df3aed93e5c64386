using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PbxLab.Simulators.Graph.Identity;

/// <summary>
/// The Entra v2.0 token endpoint, POST /{tenant}/oauth2/v2.0/token, for the client credentials grant
/// with a client secret in the form body or in HTTP Basic (RFC 6749 section 2.3.1).
/// </summary>
internal sealed class TokenEndpoint(FakeTenant tenant, GraphTokenIssuer issuer, TimeProvider timeProvider, ILogger logger)
{
    // Scopes that name Microsoft Graph: its URI and its well-known application id.
    private static readonly string[] GraphScopes =
    [
        "https://graph.microsoft.com/.default",
        "00000003-0000-0000-c000-000000000000/.default",
    ];

    /// <summary>Handles one token request and returns the Entra error written, or null when a token was issued.</summary>
    public async Task<EntraError?> HandleAsync(HttpContext http, string tenantSegment)
    {
        var now = timeProvider.GetUtcNow();
        var traceId = Guid.NewGuid().ToString();
        var correlationId = http.Request.Headers["client-request-id"].ToString() is { Length: > 0 } sent ? sent : Guid.NewGuid().ToString();

        http.Response.Headers.CacheControl = "no-store, no-cache";
        http.Response.Headers.Pragma = "no-cache";
        http.Response.Headers["client-request-id"] = correlationId;

        var (error, clientId, token) = await IssueAsync(http, tenantSegment).ConfigureAwait(false);
        if (error is not null)
        {
            GraphLog.TokenRejected(logger, error.Error, error.Code, clientId ?? "(none)", tenantSegment, traceId);
            await error.WriteAsync(http, now, traceId, correlationId).ConfigureAwait(false);
            return error;
        }

        var body = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = GraphTokenIssuer.LifetimeSeconds,
            ["ext_expires_in"] = GraphTokenIssuer.LifetimeSeconds,
            ["access_token"] = token,
        };

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString(Http.GraphExchange.WireOptions)).ConfigureAwait(false);
        return null;
    }

    // Checks run in the order Entra reports them: endpoint and tenant, grant, client, scope, credential.
    private async Task<(EntraError? Error, string? ClientId, string? Token)> IssueAsync(HttpContext http, string tenantSegment)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return (EntraError.PostOnly(), null, null);
        }

        if (!tenant.Matches(tenantSegment))
        {
            return (EntraError.TenantNotFound(tenantSegment), null, null);
        }

        if (!http.Request.HasFormContentType)
        {
            return (EntraError.MissingParameter("grant_type"), null, null);
        }

        var form = await http.Request.ReadFormAsync().ConfigureAwait(false);

        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return (EntraError.MissingParameter("grant_type"), null, null);
        }

        if (grantType != "client_credentials")
        {
            return (EntraError.UnsupportedGrantType(grantType), null, null);
        }

        if (!TryReadBasicCredentials(http, out var basicClientId, out var basicSecret))
        {
            return (EntraError.MalformedBasicAuthorization(), null, null);
        }

        var clientId = basicClientId ?? form["client_id"].ToString();
        if (clientId.Length == 0)
        {
            return (EntraError.MissingParameter("client_id"), null, null);
        }

        var scope = form["scope"].ToString();
        if (scope.Length == 0)
        {
            return (EntraError.MissingParameter("scope"), clientId, null);
        }

        if (!GraphScopes.Contains(scope, StringComparer.OrdinalIgnoreCase))
        {
            return (EntraError.InvalidScope(scope), clientId, null);
        }

        var application = tenant.FindApplication(clientId);
        if (application is null)
        {
            return (EntraError.ApplicationNotFound(clientId, tenantSegment), clientId, null);
        }

        var secret = basicSecret ?? form["client_secret"].ToString();
        if (secret.Length == 0)
        {
            return (EntraError.MissingSecret(), clientId, null);
        }

        var matching = application.Secrets.Where(candidate => SecretEquals(candidate.Value, secret)).ToList();
        if (matching.Count == 0)
        {
            return (EntraError.InvalidSecret(clientId), clientId, null);
        }

        var now = timeProvider.GetUtcNow();
        if (matching.TrueForAll(candidate => candidate.ExpiresAt <= now))
        {
            return (EntraError.ExpiredSecret(clientId), clientId, null);
        }

        // Missing consent does not fail here: the token simply carries fewer roles, and Graph returns 403.
        var token = issuer.Issue(tenant.TenantId, application);
        GraphLog.TokenIssued(logger, clientId, tenant.TenantId, string.Join(",", application.ConsentedRoles));
        return (null, clientId, token);
    }

    // Returns false only for a Basic header that cannot be decoded; no header or another scheme yields nulls.
    private static bool TryReadBasicCredentials(HttpContext http, out string? clientId, out string? secret)
    {
        clientId = null;
        secret = null;

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        // RFC 6749 section 2.3.1: both parts are form-urlencoded before Base64.
        clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        return true;
    }

    private static bool SecretEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
