using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PbxLab.Core.Diagnostics;

namespace PbxLab.Core.Graph;

/// <summary>Outcome of looking up one CloudLink user in Entra.</summary>
internal enum UserMatchOutcome
{
    Matched,
    NotMatched,
    MatchedTwice,

    /// <summary>The lookup itself failed (403, an unreadable response); it is retried later.</summary>
    Failed,
}

internal sealed record UserMatchResult(UserMatchOutcome Outcome, string? UserId);

/// <summary>
/// Finds the Entra user of a CloudLink email. A user matches when the email equals, ignoring case,
/// their userPrincipalName or their primary mail (Mitel's CloudLink guide: the CloudLink email must
/// match the UPN or email ID in Azure AD). Problems are reported as diagnostics.
/// </summary>
internal sealed class GraphUserMatcher
{
    public const string RequiredRole = "User.Read.All";

    private readonly GraphClient _graphClient;
    private readonly Uri _graphBaseUrl;
    private readonly GatewayDiagnostics _diagnostics;
    private readonly ILogger _logger;

    public GraphUserMatcher(GraphClient graphClient, string graphBaseUrl, GatewayDiagnostics diagnostics, ILogger logger)
    {
        _graphClient = graphClient;
        _graphBaseUrl = new Uri(graphBaseUrl.TrimEnd('/') + "/");
        _diagnostics = diagnostics;
        _logger = logger;
    }

    /// <summary>Builds the lookup URL; a quote in the email is doubled, as OData string literals require.</summary>
    public Uri BuildLookupUri(string email)
    {
        var literal = email.Replace("'", "''", StringComparison.Ordinal);
        var filter = Uri.EscapeDataString($"userPrincipalName eq '{literal}' or mail eq '{literal}'");
        return new Uri(_graphBaseUrl, $"users?$filter={filter}&$select=id,userPrincipalName,mail,displayName");
    }

    public async Task<UserMatchResult> MatchAsync(string email, string device, string link, CancellationToken cancellationToken)
    {
        var request = new GraphRequest(HttpMethod.Get, BuildLookupUri(email), "user lookup", email, RequiredRole);
        var response = await _graphClient.SendAsync(request, cancellationToken);

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            // GraphClient has reported the missing permission.
            return new UserMatchResult(UserMatchOutcome.Failed, null);
        }

        if (!response.IsSuccess || !TryReadMatches(response.Body, email, out var matches))
        {
            _diagnostics.Report(
                DiagnosticKind.UserMatchFailed,
                $"Looking up {email} in Entra failed: Graph returned {(int)response.StatusCode} (request-id {response.RequestId}); the lookup is retried later.",
                email, device, link, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return new UserMatchResult(UserMatchOutcome.Failed, null);
        }

        // NOTE: an eq filter on two properties returns a handful of users at most, so the first
        // page is read and @odata.nextLink is not followed.
        var ids = matches.Select(match => match.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count == 0)
        {
            _diagnostics.Report(
                DiagnosticKind.UserNotMatched,
                $"{email} is not matched in Entra: no user has it as userPrincipalName or mail. Correct the email in the gateway configuration or the user's UPN or primary mail in Entra.",
                email, device, link);
            return new UserMatchResult(UserMatchOutcome.NotMatched, null);
        }

        if (ids.Count > 1)
        {
            var names = string.Join(", ", matches.Select(match => $"{match.DisplayName} ({match.Id})"));
            _diagnostics.Report(
                DiagnosticKind.UserMatchedTwice,
                $"{email} is matched twice in Entra, by {names}: the email is one user's UPN and another's mail. Make it belong to one user only.",
                email, device, link, string.Join(",", ids));
            return new UserMatchResult(UserMatchOutcome.MatchedTwice, null);
        }

        GraphLog.UserMatched(_logger, email, ids[0], matches[0].DisplayName);
        return new UserMatchResult(UserMatchOutcome.Matched, ids[0]);
    }

    private static bool TryReadMatches(string body, string email, out List<DirectoryUser> matches)
    {
        matches = [];
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("value", out var value)
                || value.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var user in value.EnumerateArray())
            {
                var id = ReadString(user, "id");
                if (id is null)
                {
                    continue;
                }

                // Entra compares case-insensitively already; checking again keeps a lenient
                // directory from matching a user on some other property.
                var principalName = ReadString(user, "userPrincipalName");
                var mail = ReadString(user, "mail");
                if (string.Equals(principalName, email, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(mail, email, StringComparison.OrdinalIgnoreCase))
                {
                    matches.Add(new DirectoryUser(id, ReadString(user, "displayName") ?? principalName ?? id));
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var property)
        && property.ValueKind == JsonValueKind.String
            ? property.GetString()
            : null;

    private sealed record DirectoryUser(string Id, string DisplayName);
}
