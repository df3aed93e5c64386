namespace PbxLab.Simulators.Pbx.Profiles;

/// <summary>
/// Dialing habits of one PBX: the digit that seizes an external line and the prefixes callers
/// use behind it, plus the ISO 3166 region that national numbers belong to.
/// </summary>
/// <param name="TrunkAccessCode">Digits that route the rest of a dialled number to the trunk, for example "0".</param>
/// <param name="NationalPrefix">Prefix of a national number after the trunk access code, for example "0".</param>
/// <param name="InternationalPrefix">Prefix of an international number after the trunk access code, for example "00".</param>
/// <param name="Region">ISO 3166-1 alpha-2 region of the site, for example "FR".</param>
public sealed record PbxDialPlan(string TrunkAccessCode, string NationalPrefix, string InternationalPrefix, string Region)
{
    /// <summary>
    /// A dial plan with trunk access code 0 in France.
    /// NOTE: France follows the number examples of the vendor's solution guide; a real site sets its own region.
    /// </summary>
    public static PbxDialPlan Default { get; } = new("0", "0", "00", "FR");
}
