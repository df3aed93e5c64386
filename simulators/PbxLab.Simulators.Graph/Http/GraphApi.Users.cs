using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PbxLab.Simulators.Graph.Directory;

namespace PbxLab.Simulators.Graph.Http;

/// <summary>
/// Directory endpoints: GET /users with $filter, $select, $top and paging, and GET /users/{id}.
/// </summary>
internal sealed partial class GraphApi
{
    private async Task ListUsersAsync(GraphExchange exchange)
    {
        var query = ParseUserQuery(exchange.Http.Request);

        var matches = directory.Users.Where(query.Matches).ToList();
        var page = matches.Skip(query.Offset).Take(query.Top).ToList();

        var value = new JsonArray();
        foreach (var user in page)
        {
            value.Add(UserJson(user, query.Select));
        }

        var selectSuffix = ReferenceEquals(query.Select, UserQuery.DefaultProperties) ? "" : $"({string.Join(',', query.Select)})";
        var response = new JsonObject { ["@odata.context"] = ContextUrl($"users{selectSuffix}") };

        var nextOffset = query.Offset + page.Count;
        if (nextOffset < matches.Count)
        {
            response["@odata.nextLink"] = NextLink(exchange.Http.Request, nextOffset);
        }

        response["value"] = value;
        await exchange.WriteJsonAsync(StatusCodes.Status200OK, response).ConfigureAwait(false);
    }

    private async Task GetUserAsync(GraphExchange exchange, string userIdOrUpn)
    {
        var query = ParseUserQuery(exchange.Http.Request);
        var user = FindUser(userIdOrUpn);

        var body = UserJson(user, query.Select);
        body.Insert(0, "@odata.context", ContextUrl("users/$entity"));
        await exchange.WriteJsonAsync(StatusCodes.Status200OK, body).ConfigureAwait(false);
    }

    private static UserQuery ParseUserQuery(HttpRequest request)
    {
        try
        {
            return UserQuery.Parse(request.Query.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString())));
        }
        catch (UserQueryException exception)
        {
            throw new GraphRequestException(StatusCodes.Status400BadRequest, exception.Code, exception.Message);
        }
    }

    // The next page keeps every option of this request and replaces $skiptoken; the link is absolute on this server.
    private string NextLink(HttpRequest request, int nextOffset)
    {
        var link = new StringBuilder($"{baseAddress()}v1.0/users?");
        foreach (var (name, values) in request.Query)
        {
            if (string.Equals(name, "$skiptoken", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            link.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(values.ToString())).Append('&');
        }

        link.Append("%24skiptoken=").Append(UserQuery.EncodeSkipToken(nextOffset));
        return link.ToString();
    }

    private static JsonObject UserJson(FakeUser user, IReadOnlyList<string> select)
    {
        var json = new JsonObject();
        foreach (var property in select)
        {
            json[property] = property switch
            {
                "id" => user.Id,
                "userPrincipalName" => user.UserPrincipalName,
                "mail" => user.Mail,
                "displayName" => user.DisplayName,
                "givenName" => user.GivenName,
                "surname" => user.Surname,
                "jobTitle" => user.JobTitle,
                "officeLocation" => user.OfficeLocation,
                "preferredLanguage" => user.PreferredLanguage,
                "mobilePhone" => user.MobilePhone,
                "businessPhones" => new JsonArray([.. user.BusinessPhones.Select(phone => (JsonNode?)phone)]),
                _ => null,
            };
        }

        return json;
    }
}
