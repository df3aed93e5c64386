namespace PbxLab.Core.Diagnostics;

/// <summary>Kind of a problem the gateway reports in its diagnostics.</summary>
public enum DiagnosticKind
{
    /// <summary>
    /// The configuration is invalid. GatewayHost never reports this kind itself, because it rejects
    /// invalid options with GatewayConfigurationException before anything starts.
    /// </summary>
    ConfigurationInvalid,

    /// <summary>No Entra user has the configured email as UPN or primary mail.</summary>
    UserNotMatched,

    /// <summary>More than one Entra user has the configured email as UPN or primary mail.</summary>
    UserMatchedTwice,

    /// <summary>The PBX rejected MonitorStart with operation/privilegeViolationSpecifiedDevice: the user has no CloudLink role.</summary>
    UserWithoutRole,

    /// <summary>The PBX rejected MonitorStart with another CSTAErrorCode.</summary>
    MonitorRefused,

    /// <summary>The user is beyond the profile's limit of users with a CloudLink role and is not monitored.</summary>
    RoleLimitExceeded,

    /// <summary>The Entra token endpoint rejected the client credentials.</summary>
    TokenRejected,

    /// <summary>The token endpoint could not be reached or returned something other than a token.</summary>
    TokenUnavailable,

    /// <summary>Graph returned 403 because the app lacks an application permission or its admin consent.</summary>
    GraphForbidden,

    /// <summary>Graph rejected a request for a reason retrying cannot fix (a 4xx other than 401, 403, 404 and 429).</summary>
    GraphRequestRejected,

    /// <summary>A user lookup in Graph failed and will be retried.</summary>
    UserMatchFailed,

    /// <summary>The link to a PBX is down; its users show Offline until it is back.</summary>
    LinkDown,
}
