namespace PbxLab.Core.Links;

/// <summary>Where one PBX is and which of its devices the core monitors.</summary>
/// <param name="Name">Name of the link in the gateway configuration, used in logs and diagnostics.</param>
/// <param name="Profile">PBX profile name: mivo400, mivoice5000, mxone or mivb.</param>
/// <param name="Devices">Directory numbers of the devices to monitor.</param>
public sealed record PbxLinkOptions(string Name, string Host, int Port, string Profile, IReadOnlyList<string> Devices)
{
    /// <summary>Heartbeat period: the link sends RequestSystemStatus when the PBX has been silent this long.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; it doubles after each failed attempt up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a request waits for its response before the link counts it as lost.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
