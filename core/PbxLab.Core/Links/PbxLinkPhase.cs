namespace PbxLab.Core.Links;

/// <summary>Phase of a link to one PBX; failures name the phase they happened in.</summary>
public enum PbxLinkPhase
{
    Connecting,
    Registering,
    Monitoring,
    Running,
    Disconnected,
}
