namespace PbxLab.Core.Numbers;

/// <summary>
/// How a PBX writes external numbers: its region and the digits it puts in front of them.
/// </summary>
/// <param name="Region">CLDR region code of the PBX's country, for example FR or US.</param>
/// <param name="TrunkAccessCode">Digits dialled to seize an outside line ("0" in France, "9" in North America), or empty.</param>
/// <param name="NationalPrefix">Prefix of a national number in that country ("0" in France, "1" in North America).</param>
/// <param name="InternationalPrefix">Prefix that precedes a country code ("00" in Europe, "011" in North America).</param>
public sealed record DialPlan(string Region, string TrunkAccessCode, string NationalPrefix, string InternationalPrefix)
{
    // NOTE: the defaults below are assumptions taken from each country's public numbering plan
    // (ITU-T E.164 national prefixes and international call prefixes) and the usual outside-line
    // digit. No Mitel document confirms them; configure the real values per site.

    /// <summary>MiVoice Office 400, sold mostly in France and Switzerland: FR, 0, 0, 00.</summary>
    public static DialPlan MiVoiceOffice400 { get; } = new("FR", "0", "0", "00");

    /// <summary>MiVoice 5000, the former Aastra France PBX: FR, 0, 0, 00.</summary>
    public static DialPlan MiVoice5000 { get; } = new("FR", "0", "0", "00");

    /// <summary>MiVoice MX-ONE, from Ericsson in Sweden: SE, 0, 0, 00.</summary>
    public static DialPlan MxOne { get; } = new("SE", "0", "0", "00");

    /// <summary>MiVoice Business, from Mitel in Canada: US, 9, 1, 011.</summary>
    public static DialPlan MiVoiceBusiness { get; } = new("US", "9", "1", "011");

    /// <summary>Returns the default dial plan of a PBX profile by its configuration name (mivo400, mivoice5000, mxone, mivb), or null.</summary>
    public static DialPlan? DefaultFor(string profileName) => profileName.ToLowerInvariant() switch
    {
        "mivo400" => MiVoiceOffice400,
        "mivoice5000" => MiVoice5000,
        "mxone" => MxOne,
        "mivb" => MiVoiceBusiness,
        _ => null,
    };
}
