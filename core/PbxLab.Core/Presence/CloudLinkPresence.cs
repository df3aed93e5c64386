namespace PbxLab.Core.Presence;

/// <summary>
/// Presence of one CloudLink user as the core combines it from line states and PBX user presence;
/// this is also what Mitel One shows. The numeric order is the precedence, highest last, so a
/// larger value wins a combination.
/// </summary>
public enum CloudLinkPresence
{
    /// <summary>No line state or user presence is known yet.</summary>
    Unknown = 0,

    Offline = 1,

    Available = 2,

    Busy = 3,

    DoNotDisturb = 4,

    Away = 5,
}
