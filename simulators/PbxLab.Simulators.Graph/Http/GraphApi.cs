using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PbxLab.Simulators.Graph.Directory;
using PbxLab.Simulators.Graph.Identity;
using PbxLab.Simulators.Graph.Teams;

namespace PbxLab.Simulators.Graph.Http;

/// <summary>
/// The Graph v1.0 subset under /v1.0: bearer token check, routing, role checks, then the presence and
/// directory handlers in the other parts of this class.
/// </summary>
internal sealed partial class GraphApi(
    FakeTenant tenant,
    FakeDirectory directory,
    TeamsPresenceModel presence,
    GraphTokenIssuer issuer,
    ILogger logger,
    Func<Uri> baseAddress)
{
    private static readonly string[] PresenceWriteRoles = ["Presence.ReadWrite.All"];
    private static readonly string[] PresenceReadRoles = ["Presence.Read.All", "Presence.ReadWrite.All"];
    private static readonly string[] UserReadRoles = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];

    /// <summary>Handles a request whose path starts with /v1.0; <paramref name="segments"/> follow that prefix.</summary>
    public async Task HandleAsync(GraphExchange exchange, IReadOnlyList<string> segments)
    {
        var caller = await AuthenticateAsync(exchange).ConfigureAwait(false);
        var method = exchange.Http.Request.Method;

        switch (segments)
        {
            case [var users] when Is(users, "users"):
                RequireMethod(method, HttpMethods.Get, segments);
                RequireRole(caller, UserReadRoles);
                await ListUsersAsync(exchange).ConfigureAwait(false);
                break;

            case [var users, var id] when Is(users, "users"):
                RequireMethod(method, HttpMethods.Get, segments);
                RequireRole(caller, UserReadRoles);
                await GetUserAsync(exchange, id).ConfigureAwait(false);
                break;

            case [var users, var id, var contacts] when Is(users, "users") && Is(contacts, "contacts"):
                RequireMethod(method, HttpMethods.Get, segments);
                RequireContactsRole(caller);
                await ListContactsAsync(exchange, id).ConfigureAwait(false);
                break;

            case [var users, var id, var presenceSegment] when Is(users, "users") && Is(presenceSegment, "presence"):
                RequireMethod(method, HttpMethods.Get, segments);
                RequireRole(caller, PresenceReadRoles);
                await GetPresenceAsync(exchange, id, $"users('{id}')/presence/$entity").ConfigureAwait(false);
                break;

            case [var users, var id, var presenceSegment, var action] when Is(users, "users") && Is(presenceSegment, "presence"):
                await HandlePresenceActionAsync(exchange, caller, id, action, segments).ConfigureAwait(false);
                break;

            case [var communications, var presences, var id] when Is(communications, "communications") && Is(presences, "presences"):
                RequireMethod(method, HttpMethods.Get, segments);
                RequireRole(caller, PresenceReadRoles);
                await GetPresenceAsync(exchange, id, "communications/presences/$entity").ConfigureAwait(false);
                break;

            case [var communications, var action] when Is(communications, "communications") && Is(action, "getPresencesByUserId"):
                RequireMethod(method, HttpMethods.Post, segments);
                RequireRole(caller, PresenceReadRoles);
                await GetPresencesByUserIdAsync(exchange).ConfigureAwait(false);
                break;

            default:
                throw GraphRequestException.BadRequest(
                    $"Resource not found for the segment '{(segments.Count == 0 ? "" : segments[^1])}'. The fake Graph serves /users, /users/{{id}}/contacts, /users/{{id}}/presence and /communications presence paths.");
        }
    }

    private async Task HandlePresenceActionAsync(GraphExchange exchange, TokenCheck caller, string userId, string action, IReadOnlyList<string> segments)
    {
        var handler = action.ToLowerInvariant() switch
        {
            "setpresence" => (Func<GraphExchange, string, Task>)SetPresenceAsync,
            "clearpresence" => ClearPresenceAsync,
            "setuserpreferredpresence" => SetUserPreferredPresenceAsync,
            "clearuserpreferredpresence" => ClearUserPreferredPresenceAsync,
            _ => throw GraphRequestException.BadRequest(
                $"Resource not found for the segment '{action}'. Presence actions are setPresence, clearPresence, setUserPreferredPresence and clearUserPreferredPresence."),
        };

        RequireMethod(exchange.Http.Request.Method, HttpMethods.Post, segments);
        RequireRole(caller, PresenceWriteRoles);
        await handler(exchange, userId).ConfigureAwait(false);
    }

    private async Task<TokenCheck> AuthenticateAsync(GraphExchange exchange)
    {
        var header = exchange.Http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length == "Bearer ".Length)
        {
            throw Unauthorized(exchange, "Access token is empty.");
        }

        var check = await issuer.ValidateAsync(header["Bearer ".Length..].Trim(), tenant.TenantId).ConfigureAwait(false);
        return check.IsValid ? check : throw Unauthorized(exchange, check.Failure!);
    }

    private static GraphRequestException Unauthorized(GraphExchange exchange, string message)
    {
        // Graph points clients at the authority with this header on every 401.
        exchange.Http.Response.Headers.WWWAuthenticate =
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";
        return new GraphRequestException(StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken", message);
    }

    private static void RequireRole(TokenCheck caller, string[] anyOf)
    {
        if (!anyOf.Any(caller.Roles.Contains))
        {
            // NOTE: Graph's presence service may return "Forbidden" here; the fake uses the directory's code for every path.
            throw new GraphRequestException(StatusCodes.Status403Forbidden, "Authorization_RequestDenied",
                $"Insufficient privileges to complete the operation. The token of app '{caller.AppId}' needs one of these roles: {string.Join(", ", anyOf)}.");
        }
    }

    private static void RequireMethod(string method, string expected, IReadOnlyList<string> segments)
    {
        if (!string.Equals(method, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new GraphRequestException(StatusCodes.Status405MethodNotAllowed, "Request_BadRequest",
                $"The HTTP method '{method}' is not allowed on /{string.Join('/', segments)}; use {expected}.");
        }
    }

    private FakeUser FindUser(string userIdOrUpn) =>
        directory.Find(userIdOrUpn) ?? throw GraphRequestException.UserNotFound(userIdOrUpn);

    private string ContextUrl(string fragment) => $"{baseAddress()}v1.0/$metadata#{fragment}";

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);
}
