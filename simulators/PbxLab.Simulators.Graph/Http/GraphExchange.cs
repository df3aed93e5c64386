using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PbxLab.Simulators.Graph.Http;

/// <summary>
/// One request to the fake with the ids Graph puts on every response (request-id, client-request-id)
/// and helpers that write Graph's response shapes.
/// </summary>
internal sealed class GraphExchange
{
    /// <summary>Content type Graph sends with JSON bodies.</summary>
    public const string JsonContentType = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

    /// <summary>
    /// Writes quotes and other characters as they are, as Graph does, instead of \u0027 escapes; the bodies
    /// are JSON responses, never HTML.
    /// </summary>
    public static readonly JsonSerializerOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public GraphExchange(HttpContext http, DateTimeOffset receivedAt)
    {
        Http = http;
        ReceivedAt = receivedAt;
        RequestId = Guid.NewGuid().ToString();

        var clientRequestId = http.Request.Headers["client-request-id"].ToString();
        ClientRequestId = string.IsNullOrEmpty(clientRequestId) ? null : clientRequestId;
    }

    public HttpContext Http { get; }

    public DateTimeOffset ReceivedAt { get; }

    public string RequestId { get; }

    /// <summary>client-request-id sent by the caller, or null when it sent none.</summary>
    public string? ClientRequestId { get; }

    /// <summary>Graph error code of the response, or null when it succeeded.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>Message of the Graph error of the response, or null when it succeeded.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Records an error code written by another part (the token endpoint) for the request log.</summary>
    public void MarkError(string code, string message)
    {
        ErrorCode = code;
        ErrorMessage = message;
    }

    /// <summary>Sets the headers Graph puts on every response; client-request-id falls back to request-id as Graph does.</summary>
    public void WriteStandardHeaders()
    {
        var headers = Http.Response.Headers;
        headers["request-id"] = RequestId;
        headers["client-request-id"] = ClientRequestId ?? RequestId;
        headers.Date = ReceivedAt.ToString("R", CultureInfo.InvariantCulture);
        headers.CacheControl = "no-store";
    }

    public Task WriteJsonAsync(int status, JsonNode body)
    {
        Http.Response.StatusCode = status;
        Http.Response.ContentType = JsonContentType;
        return Http.Response.WriteAsync(body.ToJsonString(WireOptions));
    }

    public Task WriteEmptyAsync(int status = StatusCodes.Status200OK)
    {
        Http.Response.StatusCode = status;
        Http.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    /// <summary>Writes Graph's error body: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.</summary>
    public Task WriteErrorAsync(int status, string code, string message, JsonObject? extraInnerError = null)
    {
        ErrorCode = code;
        ErrorMessage = message;

        var innerError = new JsonObject
        {
            ["date"] = ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            ["request-id"] = RequestId,
            ["client-request-id"] = ClientRequestId ?? RequestId,
        };

        foreach (var (name, value) in extraInnerError ?? [])
        {
            innerError[name] = value?.DeepClone();
        }

        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = innerError,
            },
        };

        return WriteJsonAsync(status, body);
    }
}
