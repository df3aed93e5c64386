using System.Net;

namespace PbxLab.Core.Graph;

/// <summary>One Graph call, kept as data so that it can be sent again on retry.</summary>
/// <param name="Operation">Short name for logs, for example setPresence or user lookup.</param>
/// <param name="Email">The CloudLink user the call is for, for logs and diagnostics.</param>
/// <param name="RequiredRole">Application permission the call needs, named when Graph returns 403.</param>
/// <param name="JsonBody">Request body, or null for none.</param>
internal sealed record GraphRequest(HttpMethod Method, Uri Uri, string Operation, string Email, string RequiredRole, string? JsonBody = null);

/// <summary>The final response to a <see cref="GraphRequest"/> after retries.</summary>
/// <param name="RequestId">Graph's request-id header, or the client-request-id the core sent.</param>
internal sealed record GraphResponse(HttpStatusCode StatusCode, string Body, string RequestId)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
