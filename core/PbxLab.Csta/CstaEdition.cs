namespace PbxLab.Csta;

/// <summary>Edition of ECMA-323 (CSTA XML), which selects the namespace of every message.</summary>
public enum CstaEdition
{
    Ed3 = 3,
    Ed4 = 4,
    Ed5 = 5,
    Ed6 = 6,
}
