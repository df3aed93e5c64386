using PbxLab.Simulators.Pbx.Profiles;

namespace PbxLab.Simulators.Pbx;

/// <summary>Settings of one in-process PBX simulator.</summary>
public sealed record PbxSimulatorOptions
{
    public required PbxProfile Profile { get; init; }

    /// <summary>IP address the CSTA server listens on.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>CSTA TCP port; 0 picks an ephemeral port (see <see cref="PbxSimulator.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>CSTA-session licences (one per monitor, shared by all connections); null takes the profile's.</summary>
    public int? MonitorLicences { get; init; }

    /// <summary>Whether the PBX sends SystemStatus as soon as a client connects; null takes the profile's.</summary>
    public bool? SpeaksFirst { get; init; }

    /// <summary>How long a call rings before the PBX clears it with cause callNotAnswered.</summary>
    public TimeSpan NoAnswerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Period of the SystemStatus heartbeat; null takes the profile's.</summary>
    public TimeSpan? HeartbeatInterval { get; init; }

    /// <summary>How many CSTA messages <see cref="PbxSimulator.Trace"/> keeps, newest last.</summary>
    public int TraceCapacity { get; init; } = 10_000;
}
