namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>State of one device's connection to a call, as ECMA-269 LocalConnectionState names it.</summary>
public enum ConnectionState
{
    Null,
    Initiated,
    Alerting,
    Connected,
    Hold,
    Queued,
    Fail,
}
