using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PbxLab.Core.Api;

/// <summary>
/// A rejected request: the HTTP status and a JSON body
/// {"error": {"code", "parameter", "value", "message"}} that names the bad value and what to do.
/// </summary>
internal sealed class ApiError(int statusCode, string code, string parameter, string? value, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Code { get; } = code;

    public string Parameter { get; } = parameter;

    public string? Value { get; } = value;

    public static ApiError BadParameter(string parameter, string? value, string message) =>
        new(StatusCodes.Status400BadRequest, "invalidParameter", parameter, value, message);

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("code", Code);
        json.WriteString("parameter", Parameter);
        json.WriteString("value", Value);
        json.WriteString("message", Message);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
