using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PbxLab.Simulators.Graph.Identity;

/// <summary>
/// Signs app-only access tokens for Microsoft Graph with an RSA key made at start (RS256), and validates
/// them against that key and the injected clock.
/// </summary>
public sealed class GraphTokenIssuer : IDisposable
{
    /// <summary>Audience of Graph access tokens.</summary>
    public const string GraphAudience = "https://graph.microsoft.com";

    /// <summary>Lifetime of an access token in seconds, as Entra reports it in expires_in.</summary>
    public const int LifetimeSeconds = 3599;

    // NOTE: Microsoft.IdentityModel allows 5 minutes of clock skew by default; the fake keeps that figure.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly RSA _rsa;
    private readonly bool _ownsKey;
    private readonly RsaSecurityKey _key;
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Creates an issuer that signs with <paramref name="signingKey"/>, or with a new 2048-bit key when it is null.</summary>
    public GraphTokenIssuer(TimeProvider timeProvider, RSA? signingKey = null)
    {
        _timeProvider = timeProvider;
        _ownsKey = signingKey is null;
        _rsa = signingKey ?? RSA.Create(2048);
        _key = new RsaSecurityKey(_rsa) { KeyId = Guid.NewGuid().ToString("N") };
    }

    /// <summary>Issuer of the tokens, the v1 form Graph app-only tokens carry.</summary>
    public static string IssuerFor(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <summary>Signs an access token for the application; its roles claim contains the consented app roles only.</summary>
    public string Issue(string tenantId, FakeApplication application)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            ["tid"] = tenantId,
            ["appid"] = application.ClientId,
            ["app_displayname"] = application.DisplayName,
            ["idtyp"] = "app",
            ["sub"] = application.ClientId,
            ["ver"] = "1.0",
        };

        // Entra leaves the roles claim out when no app role was consented.
        if (application.ConsentedRoles.Count > 0)
        {
            claims["roles"] = application.ConsentedRoles.ToArray();
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = IssuerFor(tenantId),
            Audience = GraphAudience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(LifetimeSeconds),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        };

        return _handler.CreateToken(descriptor);
    }

    /// <summary>Validates an access token for this tenant; returns the token or the reason it is invalid.</summary>
    public async Task<TokenCheck> ValidateAsync(string token, string tenantId)
    {
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = _key,
            ValidAudience = GraphAudience,
            ValidIssuer = IssuerFor(tenantId),
            ValidateIssuerSigningKey = true,

            // Lifetime is checked below against the injected clock, not the machine clock.
            ValidateLifetime = false,
        };

        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            var reason = result.Exception is SecurityTokenInvalidAudienceException
                ? "Access token validation failure. Invalid audience."
                : "Access token validation failure.";
            return TokenCheck.Invalid(reason);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (jwt.ValidTo + ClockSkew <= now)
        {
            return TokenCheck.Invalid("Lifetime validation failed, the token is expired.");
        }

        if (jwt.ValidFrom - ClockSkew > now)
        {
            return TokenCheck.Invalid("Lifetime validation failed, the token is not yet valid.");
        }

        var roles = jwt.Claims.Where(claim => claim.Type == "roles").Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal);
        var appId = jwt.TryGetPayloadValue<string>("appid", out var value) ? value : "";
        return TokenCheck.Valid(appId, roles);
    }

    public void Dispose()
    {
        if (_ownsKey)
        {
            _rsa.Dispose();
        }
    }
}

/// <summary>
/// Outcome of an access token check: the caller's app id and roles, or why the token was rejected.
/// </summary>
public sealed record TokenCheck(bool IsValid, string? Failure, string AppId, IReadOnlySet<string> Roles)
{
    public static TokenCheck Invalid(string failure) => new(false, failure, "", new HashSet<string>());

    public static TokenCheck Valid(string appId, IReadOnlySet<string> roles) => new(true, null, appId, roles);
}
