namespace PbxLab.Simulators.Graph.Identity;

/// <summary>
/// The one Entra tenant of the fake: its id, the domain names that also select it on the token
/// endpoint, and its app registrations. Thread-safe.
/// </summary>
public sealed class FakeTenant
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, FakeApplication> _applications = new(StringComparer.OrdinalIgnoreCase);

    public FakeTenant(string tenantId, IEnumerable<string>? domainNames = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);

        TenantId = tenantId;
        DomainNames = [.. domainNames ?? []];
    }

    /// <summary>Tenant id, carried in the tid claim of issued tokens.</summary>
    public string TenantId { get; }

    /// <summary>Domain names (for example contoso.onmicrosoft.com) accepted in place of the tenant id.</summary>
    public IReadOnlyList<string> DomainNames { get; }

    /// <summary>Adds or replaces an app registration.</summary>
    public FakeApplication AddApplication(FakeApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentException.ThrowIfNullOrWhiteSpace(application.ClientId);

        lock (_lock)
        {
            _applications[application.ClientId] = application;
        }

        return application;
    }

    /// <summary>Removes an app registration; returns false when none had that client id.</summary>
    public bool RemoveApplication(string clientId)
    {
        lock (_lock)
        {
            return _applications.Remove(clientId);
        }
    }

    /// <summary>Finds an app registration by client id, or returns null.</summary>
    public FakeApplication? FindApplication(string clientId)
    {
        lock (_lock)
        {
            return _applications.GetValueOrDefault(clientId);
        }
    }

    /// <summary>Tells whether a tenant segment of the token endpoint path names this tenant.</summary>
    public bool Matches(string tenantIdOrDomain) =>
        string.Equals(tenantIdOrDomain, TenantId, StringComparison.OrdinalIgnoreCase)
        || DomainNames.Any(domain => string.Equals(domain, tenantIdOrDomain, StringComparison.OrdinalIgnoreCase));
}
