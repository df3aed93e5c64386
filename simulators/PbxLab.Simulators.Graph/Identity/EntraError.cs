using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PbxLab.Simulators.Graph.Identity;

/// <summary>
/// An error of the Entra v2.0 token endpoint: OAuth error, AADSTS code and text, HTTP status.
/// </summary>
internal sealed record EntraError(int Status, string Error, int Code, string Text)
{
    /// <summary>
    /// Writes Entra's error body: error, error_description ("AADSTSnnn: text" then Trace ID, Correlation ID
    /// and Timestamp lines), error_codes, timestamp, trace_id, correlation_id, error_uri.
    /// </summary>
    public Task WriteAsync(HttpContext http, DateTimeOffset now, string traceId, string correlationId)
    {
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var description =
            $"AADSTS{Code}: {Text}\r\nTrace ID: {traceId}\r\nCorrelation ID: {correlationId}\r\nTimestamp: {timestamp}";

        var body = new JsonObject
        {
            ["error"] = Error,
            ["error_description"] = description,
            ["error_codes"] = new JsonArray(Code),
            ["timestamp"] = timestamp,
            ["trace_id"] = traceId,
            ["correlation_id"] = correlationId,
            ["error_uri"] = $"https://login.microsoftonline.com/error?code={Code}",
        };

        http.Response.StatusCode = Status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(body.ToJsonString(Http.GraphExchange.WireOptions));
    }

    // Codes and texts follow the Entra error code reference; the texts are the fake's own wording.

    public static EntraError PostOnly() =>
        new(400, "invalid_request", 900561, "The endpoint only accepts POST requests.");

    public static EntraError TenantNotFound(string tenant) => new(400, "invalid_request", 90002,
        $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");

    public static EntraError MissingParameter(string name) =>
        new(400, "invalid_request", 900144, $"The request body must contain the following parameter: '{name}'.");

    public static EntraError UnsupportedGrantType(string grantType) => new(400, "unsupported_grant_type", 70003,
        $"The app requested an unsupported grant type '{grantType}'. This endpoint supports 'client_credentials' only.");

    public static EntraError InvalidScope(string scope) => new(400, "invalid_scope", 70011,
        $"The provided value for the input parameter 'scope' is not valid. The scope '{scope}' is not valid; request 'https://graph.microsoft.com/.default'.");

    public static EntraError ApplicationNotFound(string clientId, string tenant) => new(400, "unauthorized_client", 700016,
        $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. "
        + "This can happen if the application has not been installed by the administrator of the tenant. "
        + "You may have sent your authentication request to the wrong tenant.");

    public static EntraError MissingSecret() => new(401, "invalid_client", 7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");

    public static EntraError InvalidSecret(string clientId) => new(401, "invalid_client", 7000215,
        $"Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");

    public static EntraError ExpiredSecret(string clientId) => new(401, "invalid_client", 7000222,
        $"The provided client secret keys for app '{clientId}' are expired. Create new keys for your app, or consider using certificate credentials.");

    // NOTE: the code Entra uses for a malformed Basic header was not found; the fake reports it as a missing client_id.
    public static EntraError MalformedBasicAuthorization() => new(400, "invalid_request", 900144,
        "The Authorization header is not valid HTTP Basic credentials of the form base64(client_id:client_secret), so the request has no 'client_id'.");
}
