namespace PbxLab.Core.Gateway;

/// <summary>Kind of a step the gateway took, as reported in its trace.</summary>
public enum GatewayTraceKind
{
    LinkPhaseChanged,
    MonitorStarted,
    MonitorRefused,
    LineStateChanged,
    UserPresenceChanged,
    PresenceChanged,
    UserMatched,
    GraphWrite,
}

/// <summary>One step the gateway took, for the harness and for support: what happened to whom and when.</summary>
/// <param name="Email">The user concerned, or null for a step of a whole link.</param>
/// <param name="Link">The PBX link concerned, if any.</param>
/// <param name="Detail">What happened, for example "Busy -> Available" or "setPresence Busy/InACall: 200".</param>
public sealed record GatewayTraceEntry(DateTimeOffset Time, GatewayTraceKind Kind, string? Email, string? Link, string Detail);
