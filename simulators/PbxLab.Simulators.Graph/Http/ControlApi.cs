using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PbxLab.Simulators.Graph.Teams;

namespace PbxLab.Simulators.Graph.Http;

/// <summary>
/// The /_pbxlab/ control surface for a person driving a standalone fake: read a user's presence state,
/// set a Teams client, set or clear preferred presence, switch throttling. It needs no token.
/// </summary>
/// <remarks>
/// GET  /_pbxlab/users/{id}                      presence, Teams client, app sessions, preferred presence
/// POST /_pbxlab/users/{id}/teamsClient          {"state":"Active"} (NotRunning, Inactive, Active, InCallOrMeeting, InMeeting, Presenting)
/// POST /_pbxlab/users/{id}/preferredPresence    {"availability":"Busy","activity":"Busy","expirationDuration":"PT1H"}
/// POST /_pbxlab/users/{id}/clearPreferredPresence
/// POST /_pbxlab/throttle                        {"count":3,"retryAfterSeconds":5}, {"durationSeconds":60}, or {"clear":true}
/// </remarks>
internal sealed class ControlApi(FakeGraphServer server)
{
    public async Task HandleAsync(GraphExchange exchange, string[] segments)
    {
        var method = exchange.Http.Request.Method;

        switch (segments)
        {
            case ["users", var id] when HttpMethods.IsGet(method):
                await exchange.WriteJsonAsync(StatusCodes.Status200OK, UserState(id)).ConfigureAwait(false);
                break;

            case ["users", var id, "teamsClient"] when HttpMethods.IsPost(method):
                await SetTeamsClientAsync(exchange, id).ConfigureAwait(false);
                break;

            case ["users", var id, "preferredPresence"] when HttpMethods.IsPost(method):
                await SetPreferredPresenceAsync(exchange, id).ConfigureAwait(false);
                break;

            case ["users", var id, "clearPreferredPresence"] when HttpMethods.IsPost(method):
                server.ClearUserPreferredPresence(FindUserId(id));
                await exchange.WriteJsonAsync(StatusCodes.Status200OK, UserState(id)).ConfigureAwait(false);
                break;

            case ["throttle"] when HttpMethods.IsPost(method):
                await SetThrottleAsync(exchange).ConfigureAwait(false);
                break;

            default:
                throw new GraphRequestException(StatusCodes.Status404NotFound, "NotFound",
                    $"No control endpoint {method} /_pbxlab/{string.Join('/', segments)}. See GET users/{{id}}, POST users/{{id}}/teamsClient, POST users/{{id}}/preferredPresence, POST throttle.");
        }
    }

    private async Task SetTeamsClientAsync(GraphExchange exchange, string id)
    {
        using var body = await JsonBody.ReadAsync(exchange.Http.Request, "teamsClient").ConfigureAwait(false);
        var text = body.GetRequiredString("state");
        if (!Enum.TryParse<TeamsClientState>(text, ignoreCase: true, out var state) || !Enum.IsDefined(state))
        {
            throw GraphRequestException.BadRequest(
                $"'{text}' is not a Teams client state; use one of {string.Join(", ", Enum.GetNames<TeamsClientState>())}.");
        }

        server.SetTeamsClient(FindUserId(id), state);
        await exchange.WriteJsonAsync(StatusCodes.Status200OK, UserState(id)).ConfigureAwait(false);
    }

    private async Task SetPreferredPresenceAsync(GraphExchange exchange, string id)
    {
        using var body = await JsonBody.ReadAsync(exchange.Http.Request, "preferredPresence").ConfigureAwait(false);
        var availability = body.GetRequiredString("availability");
        var activity = body.GetRequiredString("activity");
        var expiration = body.GetDuration("expirationDuration");

        if (PresencePairs.FindPreferredPresencePair(availability, activity) is null)
        {
            throw GraphRequestException.BadRequest(
                $"'{availability}/{activity}' is not a user-preferred presence; use one of: {PresencePairs.PreferredPresenceList}.");
        }

        server.SetUserPreferredPresence(FindUserId(id), availability, activity, expiration);
        await exchange.WriteJsonAsync(StatusCodes.Status200OK, UserState(id)).ConfigureAwait(false);
    }

    private async Task SetThrottleAsync(GraphExchange exchange)
    {
        using var body = await JsonBody.ReadAsync(exchange.Http.Request, "throttle").ConfigureAwait(false);
        var retryAfter = ReadSeconds(body, "retryAfterSeconds");

        if (body.GetNumberOrString("clear") is not null || exchange.Http.Request.Query.ContainsKey("clear"))
        {
            server.Faults.ClearThrottling();
        }
        else if (ReadSeconds(body, "durationSeconds") is { } duration)
        {
            server.Faults.ThrottleFor(duration, retryAfter);
        }
        else if (ReadSeconds(body, "count") is { } count)
        {
            server.Faults.ThrottleNext((int)count.TotalSeconds, retryAfter);
        }
        else
        {
            throw GraphRequestException.BadRequest("Send {\"count\":N}, {\"durationSeconds\":S} or {\"clear\":true}, optionally with \"retryAfterSeconds\".");
        }

        var state = new JsonObject { ["throttleRemaining"] = server.Faults.ThrottleRemaining };
        await exchange.WriteJsonAsync(StatusCodes.Status200OK, state).ConfigureAwait(false);
    }

    // Numbers may come as JSON numbers or strings; both are read as whole seconds (or a count).
    private static TimeSpan? ReadSeconds(JsonBody body, string name)
    {
        var text = body.GetNumberOrString(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw GraphRequestException.BadRequest($"'{name}' must be a whole non-negative number, not '{text}'.");
    }

    private JsonObject UserState(string id)
    {
        var userId = FindUserId(id);
        var state = server.Presence.GetState(userId);
        var view = server.GetPresence(userId);
        var current = server.Presence.GetCurrentPresence(userId);

        var sessions = new JsonArray();
        foreach (var session in state.AppSessions.Values)
        {
            var live = server.GetAppSession(userId, session.SessionId);
            if (live is not null)
            {
                sessions.Add(new JsonObject
                {
                    ["sessionId"] = live.SessionId,
                    ["availability"] = live.Availability,
                    ["activity"] = live.Activity,
                    ["lastSetAt"] = live.LastSetAt,
                    ["expiresAt"] = live.ExpiresAt,
                });
            }
        }

        return new JsonObject
        {
            ["id"] = userId,
            ["availability"] = view.Availability,
            ["activity"] = view.Activity,
            ["graphAvailability"] = current.Availability,
            ["graphActivity"] = current.Activity,
            ["teamsClient"] = state.TeamsClient.ToString(),
            ["appSessions"] = sessions,
            ["preferredPresence"] = state.Preferred is { } preferred
                ? new JsonObject
                {
                    ["availability"] = preferred.Value.Availability,
                    ["activity"] = preferred.Value.Activity,
                    ["expiresAt"] = preferred.ExpiresAt,
                }
                : null,
        };
    }

    private string FindUserId(string id) => server.Directory.Find(id)?.Id ?? throw GraphRequestException.UserNotFound(id);
}
