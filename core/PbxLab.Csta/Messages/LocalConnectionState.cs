namespace PbxLab.Csta.Messages;

/// <summary>ECMA-323 LocalConnectionState, carried as <c>localConnectionInfo</c> in events.</summary>
public enum LocalConnectionState
{
    Null,
    Initiated,
    Alerting,
    Connected,
    Hold,
    Queued,
    Fail,
}
