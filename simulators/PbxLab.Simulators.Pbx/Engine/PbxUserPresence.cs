namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>
/// PBX user presence of a MiVoice Office 400 user. The values are the presence-profile numbers of the
/// Aastra 400 system manual (R3.2): Available 0, Absent 1, Meeting 2, Busy 3, Not available 4.
/// </summary>
public enum PbxUserPresence
{
    Available = 0,
    Absent = 1,
    Meeting = 2,
    Busy = 3,
    NotAvailable = 4,
}
