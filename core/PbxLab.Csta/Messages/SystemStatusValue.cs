namespace PbxLab.Csta.Messages;

/// <summary>ECMA-323 SystemStatus values (ed6 list), carried as <c>systemStatus</c>.</summary>
public enum SystemStatusValue
{
    Disabled,
    PartiallyDisabled,
    Enabled,
    Initializing,
    MessagesLost,
    Normal,
    OverloadImminent,
    OverloadReached,
    OverloadRelieved,
}
