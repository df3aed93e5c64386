using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;
using PbxLab.Core.History;
using PbxLab.Core.Storage;

namespace PbxLab.Core.Api;

/// <summary>The call-history and speed-dial endpoints.</summary>
public sealed partial class CoreApiServer
{
    public const int DefaultPageSize = 50;

    /// <summary>GET /api/users/{email}/call-history?from=&amp;to=&amp;pageSize=&amp;pageToken=</summary>
    private async Task WriteCallHistoryAsync(HttpContext context)
    {
        var email = ReadEmail(context);
        var request = context.Request.Query;

        var from = ReadTime(request, "from");
        var to = ReadTime(request, "to");
        if (from is { } start && to is { } end && start >= end)
        {
            throw ApiError.BadParameter("to", request["to"], $"is not after from ({request["from"]}); the range is [from, to), so make to later than from.");
        }

        var pageSize = ReadPageSize(request);
        var pageToken = ReadSingle(request, "pageToken");
        if (pageToken is not null && !CallHistoryPageToken.TryDecode(pageToken, out _))
        {
            throw ApiError.BadParameter("pageToken", pageToken, "is not a token this API returned; follow @nextLink as given, or start again without pageToken.");
        }

        if (!await _speedDials.IsKnownUserAsync(email, context.RequestAborted))
        {
            throw UnknownUser(email);
        }

        var page = await _store.QueryAsync(new CallHistoryQuery(email, from, to, pageSize, pageToken), context.RequestAborted);
        var nextLink = page.NextPageToken is null ? null : NextLink(context, page.NextPageToken);

        await WriteJsonAsync(context, json =>
        {
            json.WriteStartArray("value");
            foreach (var record in page.Records)
            {
                ApiJson.WriteRecord(json, record);
            }

            json.WriteEndArray();
            if (nextLink is not null)
            {
                json.WriteString("@nextLink", nextLink);
            }
        });
    }

    /// <summary>GET /api/users/{email}/speed-dials</summary>
    private async Task WriteSpeedDialsAsync(HttpContext context)
    {
        var email = ReadEmail(context);
        var entries = await _speedDials.GetSpeedDialsAsync(email, context.RequestAborted)
            ?? throw UnknownUser(email);

        await WriteJsonAsync(context, json =>
        {
            json.WriteStartArray("value");
            foreach (var entry in entries)
            {
                ApiJson.WriteSpeedDial(json, entry);
            }

            json.WriteEndArray();
        });
    }

    private static ApiError UnknownUser(string email) =>
        new(StatusCodes.Status404NotFound, "userNotFound", "email", email, "is not a user of this core; check the email against the users in the gateway configuration.");

    /// <summary>The same request with pageToken set to the next page's token, as an absolute URL.</summary>
    private static string NextLink(HttpContext context, string nextPageToken)
    {
        var query = new QueryBuilder();
        foreach (var (key, values) in context.Request.Query)
        {
            if (!string.Equals(key, "pageToken", StringComparison.OrdinalIgnoreCase))
            {
                query.Add(key, values.ToArray().OfType<string>());
            }
        }

        query.Add("pageToken", nextPageToken);
        var request = context.Request;
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, query.ToQueryString());
    }

    private static DateTimeOffset? ReadTime(IQueryCollection query, string name)
    {
        var text = ReadSingle(query, name);
        if (text is null)
        {
            return null;
        }

        // The text must start like an ISO 8601 date (yyyy-), which rejects culture forms such as
        // 12/04/2026. A time without an offset is taken as UTC.
        if (text.Length < 10
            || !char.IsAsciiDigit(text[0])
            || text[4] != '-'
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw ApiError.BadParameter(name, text, "is not an ISO 8601 date-time; write it like 2026-12-04T09:00:00Z.");
        }

        return time;
    }

    private static int ReadPageSize(IQueryCollection query)
    {
        var text = ReadSingle(query, "pageSize");
        if (text is null)
        {
            return DefaultPageSize;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize)
            || pageSize is < CallHistoryQueryRules.MinPageSize or > CallHistoryQueryRules.MaxPageSize)
        {
            throw ApiError.BadParameter("pageSize", text, $"is not a whole number from {CallHistoryQueryRules.MinPageSize} to {CallHistoryQueryRules.MaxPageSize}; leave it out for {DefaultPageSize}.");
        }

        return pageSize;
    }

    private static string? ReadSingle(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out StringValues values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw ApiError.BadParameter(name, values.ToString(), "is given more than once; give it once.");
        }

        return values.ToString();
    }
}
