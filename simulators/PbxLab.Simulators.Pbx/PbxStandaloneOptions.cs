namespace PbxLab.Simulators.Pbx;

/// <summary>Settings of <c>pbxlab sim pbx</c>.</summary>
public sealed record PbxStandaloneOptions
{
    /// <summary>Profile name: mivo400, mivoice5000, mxone or mivb.</summary>
    public string Profile { get; init; } = "mivo400";

    /// <summary>CSTA TCP port; null takes the profile's default port (0 = ephemeral).</summary>
    public int? Port { get; init; }

    /// <summary>HTTP control port; 0 picks an ephemeral port.</summary>
    public int ControlPort { get; init; }

    /// <summary>Devices to create, numbered 200 upwards: device 200 is owned by user1@contoso.com, 201 by user2@contoso.com and so on.</summary>
    public int Devices { get; init; }

    /// <summary>CSTA-session licences; null takes the profile's.</summary>
    public int? Licences { get; init; }

    /// <summary>IP address both servers listen on.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>Where the listening addresses and validation errors go; null writes to the console.</summary>
    public TextWriter? Output { get; init; }
}
