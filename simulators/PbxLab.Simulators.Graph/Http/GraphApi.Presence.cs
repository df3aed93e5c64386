using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PbxLab.Simulators.Graph.Teams;

namespace PbxLab.Simulators.Graph.Http;

/// <summary>
/// Presence endpoints: setPresence, clearPresence, setUserPreferredPresence, clearUserPreferredPresence,
/// GET presence and getPresencesByUserId.
/// </summary>
internal sealed partial class GraphApi
{
    // Source: Graph v1.0 setPresence: expirationDuration defaults to 5 minutes, valid range 5 minutes to 4 hours.
    private static readonly TimeSpan MinExpiration = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxExpiration = TimeSpan.FromHours(4);

    // Source: Graph v1.0 getPresencesByUserId: at most 650 user ids per request.
    private const int MaxPresenceIds = 650;

    private async Task SetPresenceAsync(GraphExchange exchange, string userIdOrUpn)
    {
        var user = FindUser(userIdOrUpn);
        using var body = await JsonBody.ReadAsync(exchange.Http.Request, "setPresence").ConfigureAwait(false);

        var sessionId = body.GetRequiredString("sessionId");
        var availability = body.GetRequiredString("availability");
        var activity = body.GetRequiredString("activity");

        // NOTE: Graph's code and message for an unsupported pair are not documented; the fake returns BadRequest.
        var pair = PresencePairs.FindSetPresencePair(availability, activity)
            ?? throw GraphRequestException.BadRequest(
                $"The availability/activity pair '{availability}/{activity}' is not supported by setPresence. Use one of: {PresencePairs.SetPresenceList}.");

        var expiration = body.GetDuration("expirationDuration") ?? MinExpiration;
        if (expiration < MinExpiration || expiration > MaxExpiration)
        {
            // Graph's own code and message, as reported by SDK users for PT4M and for values above PT4H.
            throw new GraphRequestException(StatusCodes.Status400BadRequest, "InvalidArgument", "The provided [ExpirationDuration] is out of range.");
        }

        var session = presence.SetAppSession(user.Id, sessionId, pair, expiration);
        GraphLog.AppSessionSet(logger, user.Id, sessionId, pair.ToString(), session.ExpiresAt);
        await exchange.WriteEmptyAsync().ConfigureAwait(false);
    }

    private async Task ClearPresenceAsync(GraphExchange exchange, string userIdOrUpn)
    {
        var user = FindUser(userIdOrUpn);
        using var body = await JsonBody.ReadAsync(exchange.Http.Request, "clearPresence").ConfigureAwait(false);
        var sessionId = body.GetRequiredString("sessionId");

        // Source: Graph v1.0 clearPresence: 404 NotFound when the presence session does not exist.
        if (!presence.ClearAppSession(user.Id, sessionId))
        {
            throw new GraphRequestException(StatusCodes.Status404NotFound, "NotFound",
                $"The presence session '{sessionId}' of user '{user.Id}' does not exist or has expired.");
        }

        GraphLog.AppSessionCleared(logger, user.Id, sessionId);
        await exchange.WriteEmptyAsync().ConfigureAwait(false);
    }

    private async Task SetUserPreferredPresenceAsync(GraphExchange exchange, string userIdOrUpn)
    {
        var user = FindUser(userIdOrUpn);
        using var body = await JsonBody.ReadAsync(exchange.Http.Request, "setUserPreferredPresence").ConfigureAwait(false);

        var availability = body.GetRequiredString("availability");
        var activity = body.GetRequiredString("activity");
        var pair = PresencePairs.FindPreferredPresencePair(availability, activity)
            ?? throw GraphRequestException.BadRequest(
                $"The availability/activity pair '{availability}/{activity}' is not supported by setUserPreferredPresence. Use one of: {PresencePairs.PreferredPresenceList}.");

        // NOTE: Graph documents no range for this expirationDuration; the fake only requires it to be positive.
        var expiration = body.GetDuration("expirationDuration");
        if (expiration is { } value && value <= TimeSpan.Zero)
        {
            throw new GraphRequestException(StatusCodes.Status400BadRequest, "InvalidArgument", "The provided [ExpirationDuration] is out of range.");
        }

        var preferred = presence.SetPreferredPresence(user.Id, pair, expiration);
        GraphLog.PreferredPresenceSet(logger, user.Id, pair.ToString(), preferred.ExpiresAt);
        await exchange.WriteEmptyAsync().ConfigureAwait(false);
    }

    private async Task ClearUserPreferredPresenceAsync(GraphExchange exchange, string userIdOrUpn)
    {
        var user = FindUser(userIdOrUpn);

        // Graph documents an empty object as the body; its own example sends none, so both are accepted.
        using var body = await JsonBody.ReadAsync(exchange.Http.Request, "clearUserPreferredPresence", allowEmpty: true).ConfigureAwait(false);

        presence.ClearPreferredPresence(user.Id);
        GraphLog.PreferredPresenceCleared(logger, user.Id);
        await exchange.WriteEmptyAsync().ConfigureAwait(false);
    }

    private Task GetPresenceAsync(GraphExchange exchange, string userIdOrUpn, string contextFragment)
    {
        var user = FindUser(userIdOrUpn);
        var body = PresenceJson(user.Id);
        body["@odata.context"] = ContextUrl(contextFragment);
        return exchange.WriteJsonAsync(StatusCodes.Status200OK, body);
    }

    private async Task GetPresencesByUserIdAsync(GraphExchange exchange)
    {
        using var body = await JsonBody.ReadAsync(exchange.Http.Request, "getPresencesByUserId").ConfigureAwait(false);
        var ids = body.GetRequiredStringArray("ids");
        if (ids.Count > MaxPresenceIds)
        {
            throw GraphRequestException.BadRequest(
                $"getPresencesByUserId received {ids.Count} ids; the maximum is {MaxPresenceIds} per request. Split the ids into several requests.");
        }

        // NOTE: Graph does not document what it returns for unknown ids; the fake leaves them out.
        var value = new JsonArray();
        foreach (var id in ids.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (directory.Find(id) is { } user)
            {
                value.Add(PresenceJson(user.Id));
            }
        }

        var response = new JsonObject
        {
            ["@odata.context"] = ContextUrl("Collection(microsoft.graph.presence)"),
            ["value"] = value,
        };

        await exchange.WriteJsonAsync(StatusCodes.Status200OK, response).ConfigureAwait(false);
    }

    // Graph reads show the Teams view, so they carry the same lag as GetPresence.
    private JsonObject PresenceJson(string userId)
    {
        var view = presence.GetPresence(userId);
        return new JsonObject
        {
            ["id"] = userId,
            ["availability"] = view.Availability,
            ["activity"] = view.Activity,
            ["statusMessage"] = null,
            ["outOfOfficeSettings"] = new JsonObject
            {
                ["message"] = null,
                ["isOutOfOffice"] = false,
            },
        };
    }
}
