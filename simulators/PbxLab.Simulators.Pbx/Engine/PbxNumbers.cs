namespace PbxLab.Simulators.Pbx.Engine;

/// <summary>
/// Markers that stand for a calling number the PBX does not show. They contain no digits, so no
/// dialled or presented number can equal them. The CSTA server writes them as ExtendedDeviceID
/// <c>restricted</c> and <c>notKnown</c>.
/// </summary>
public static class PbxNumbers
{
    /// <summary>The caller withheld the number (CLIR).</summary>
    public const string Restricted = "<restricted>";

    /// <summary>The network did not deliver a number.</summary>
    public const string NotKnown = "<notKnown>";

    public static bool IsWithheld(string number) => number is Restricted or NotKnown;
}
