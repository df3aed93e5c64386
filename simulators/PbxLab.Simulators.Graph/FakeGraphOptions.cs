using System.Net;
using System.Security.Cryptography;

namespace PbxLab.Simulators.Graph;

/// <summary>
/// Settings of a <see cref="FakeGraphServer"/>.
/// </summary>
public sealed record FakeGraphOptions
{
    /// <summary>Tenant id served by the token endpoint and carried in the tid claim.</summary>
    public string TenantId { get; init; } = "00000000-0000-4000-8000-00000000c0de";

    /// <summary>Domain names accepted in place of the tenant id on the token endpoint.</summary>
    public IReadOnlyList<string> TenantDomains { get; init; } = ["contoso.onmicrosoft.com"];

    /// <summary>Address to listen on; loopback unless a user asks for more.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 lets the system pick one (read it from <see cref="FakeGraphServer.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>How long after a change the Teams view (GetPresence and the Graph GETs) shows it.</summary>
    public TimeSpan TeamsClientLag { get; init; } = TimeSpan.Zero;

    /// <summary>Serves the /_pbxlab/ control endpoints, which need no token; meant for a person driving a standalone run.</summary>
    public bool EnableControlApi { get; init; }

    /// <summary>
    /// RSA key that signs access tokens; null makes a new 2048-bit key at start. Tests may share one key
    /// between servers because generating it takes seconds on a busy machine. The server does not dispose it.
    /// </summary>
    public RSA? SigningKey { get; init; }

    /// <summary>Maximum number of requests kept in <see cref="FakeGraphServer.Requests"/>; older ones are dropped.</summary>
    public int MaxRecordedRequests { get; init; } = 10_000;
}
