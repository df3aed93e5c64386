namespace PbxLab.Csta.Messages;

/// <summary>ECMA-323 MonitorType.</summary>
public enum MonitorType
{
    Call,
    Device,
}
