using Microsoft.AspNetCore.Http;

namespace PbxLab.Simulators.Graph.Http;

/// <summary>
/// A request the fake rejects with a Graph error: HTTP status, Graph error code and message.
/// Handlers throw it and the server turns it into Graph's error body in one place.
/// </summary>
internal sealed class GraphRequestException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static GraphRequestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message);

    public static GraphRequestException UserNotFound(string userIdOrUpn) => new(
        StatusCodes.Status404NotFound,
        "Request_ResourceNotFound",
        $"Resource '{userIdOrUpn}' does not exist or one of its queried reference-property objects are not present.");
}
