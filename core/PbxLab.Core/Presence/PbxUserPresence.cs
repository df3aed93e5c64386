namespace PbxLab.Core.Presence;

/// <summary>
/// PBX user presence of a MiVoice Office 400 user, also set from Mitel One. The numeric values are
/// the presence-profile numbers of the Aastra 400 system manual (R3.2, presence profiles).
/// </summary>
public enum PbxUserPresence
{
    Available = 0,
    Absent = 1,
    Meeting = 2,
    Busy = 3,
    NotAvailable = 4,
}
