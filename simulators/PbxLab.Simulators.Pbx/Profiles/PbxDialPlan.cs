namespace PbxLab.Simulators.Pbx.Profiles;

/// <summary>
/// Dialing habits of one PBX: the digits that seize an external line and the prefixes callers
/// use behind it, plus the CLDR region that national numbers belong to.
/// </summary>
/// <param name="TrunkAccessCode">Digits that route the rest of a dialled number to the trunk, for example "0".</param>
/// <param name="NationalPrefix">Prefix of a national number after the trunk access code, for example "0".</param>
/// <param name="InternationalPrefix">Prefix of an international number after the trunk access code, for example "00".</param>
/// <param name="Region">CLDR (ISO 3166-1 alpha-2) region of the site, for example "FR".</param>
public sealed record PbxDialPlan(string TrunkAccessCode, string NationalPrefix, string InternationalPrefix, string Region)
{
    /// <summary>
    /// A dial plan with trunk access code 0 in France.
    /// NOTE: France follows the number examples of the vendor's solution guide; a real site sets its own region.
    /// </summary>
    public static PbxDialPlan Default { get; } = new("0", "0", "00", "FR");

    /// <summary>How an incoming caller's number is shown to devices. See <see cref="CallerPresentation"/>.</summary>
    public CallerPresentation Presentation { get; init; } = CallerPresentation.WithTrunkAccessCode;

    /// <summary>
    /// The usual dial plan of a site in <paramref name="region"/>: FR, CH, DE, SE, GB or US.
    /// Prefixes are the national ones (ITU-T E.164 national and international prefixes).
    /// NOTE: the trunk access codes (0 in Europe, 9 in the UK and US) are the common PBX habit, not a rule.
    /// </summary>
    public static PbxDialPlan For(string region) => region switch
    {
        "FR" or "CH" or "DE" or "SE" => new("0", "0", "00", region),
        "GB" => new("9", "0", "00", region),
        "US" => new("9", "1", "011", region),
        _ => throw new ArgumentException(
            $"Region '{region}' has no built-in dial plan. Use FR, CH, DE, SE, GB or US, or build a PbxDialPlan yourself.", nameof(region)),
    };
}

/// <summary>How a PBX shows an external caller's number to its devices.</summary>
public enum CallerPresentation
{
    /// <summary>As a user would dial it back: trunk access code, then the national or international form ("00123456789" in France).</summary>
    WithTrunkAccessCode,

    /// <summary>National or international form without the trunk access code ("0123456789").</summary>
    National,

    /// <summary>E.164 as the network delivered it ("+33123456789").</summary>
    E164,
}
