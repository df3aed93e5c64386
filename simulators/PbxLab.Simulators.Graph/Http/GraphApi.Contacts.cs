using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PbxLab.Simulators.Graph.Directory;
using PbxLab.Simulators.Graph.Identity;

namespace PbxLab.Simulators.Graph.Http;

/// <summary>Outlook personal contacts: GET /users/{id | userPrincipalName}/contacts with $select, $top and paging.</summary>
internal sealed partial class GraphApi
{
    private static readonly string[] ContactsReadRoles = ["Contacts.Read", "Contacts.ReadWrite"];

    private async Task ListContactsAsync(GraphExchange exchange, string userIdOrUpn)
    {
        var query = ParseContactQuery(exchange.Http.Request);
        var user = FindUser(userIdOrUpn);

        var contacts = directory.ContactsOf(user.Id);
        var page = contacts.Skip(query.Offset).Take(query.Top).ToList();

        var value = new JsonArray();
        foreach (var contact in page)
        {
            value.Add(ContactJson(contact, query.Select));
        }

        var selectSuffix = ReferenceEquals(query.Select, ContactQuery.DefaultProperties) ? "" : $"({string.Join(',', query.Select)})";
        var response = new JsonObject { ["@odata.context"] = ContextUrl($"users('{user.Id}')/contacts{selectSuffix}") };

        var nextOffset = query.Offset + page.Count;
        if (nextOffset < contacts.Count)
        {
            response["@odata.nextLink"] = ContactsNextLink(exchange.Http.Request, userIdOrUpn, nextOffset);
        }

        response["value"] = value;
        await exchange.WriteJsonAsync(StatusCodes.Status200OK, response).ConfigureAwait(false);
    }

    private static void RequireContactsRole(TokenCheck caller)
    {
        if (!ContactsReadRoles.Any(caller.Roles.Contains))
        {
            // Outlook endpoints return their own error code for a missing permission, not the directory's.
            throw new GraphRequestException(StatusCodes.Status403Forbidden, "ErrorAccessDenied",
                $"Access is denied. Check credentials and try again. The token of app '{caller.AppId}' needs one of these roles: {string.Join(", ", ContactsReadRoles)}.");
        }
    }

    private static ContactQuery ParseContactQuery(HttpRequest request)
    {
        try
        {
            return ContactQuery.Parse(request.Query.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString())));
        }
        catch (UserQueryException exception)
        {
            throw new GraphRequestException(StatusCodes.Status400BadRequest, exception.Code, exception.Message);
        }
    }

    private string ContactsNextLink(HttpRequest request, string userIdOrUpn, int nextOffset)
    {
        var link = new StringBuilder($"{baseAddress()}v1.0/users/{Uri.EscapeDataString(userIdOrUpn)}/contacts?");
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

    private static JsonObject ContactJson(FakeContact contact, IReadOnlyList<string> select)
    {
        var json = new JsonObject();
        foreach (var property in select)
        {
            json[property] = property switch
            {
                "id" => contact.Id,
                "displayName" => contact.DisplayName,
                "givenName" => contact.GivenName,
                "surname" => contact.Surname,
                "mobilePhone" => contact.MobilePhone,
                "businessPhones" => new JsonArray([.. contact.BusinessPhones.Select(phone => (JsonNode?)phone)]),
                "homePhones" => new JsonArray([.. contact.HomePhones.Select(phone => (JsonNode?)phone)]),
                "emailAddresses" => new JsonArray([.. contact.EmailAddresses.Select(email => (JsonNode?)new JsonObject { ["name"] = email.Name, ["address"] = email.Address })]),
                _ => null,
            };
        }

        return json;
    }
}
