namespace PbxLab.Simulators.Pbx.Profiles;

/// <summary>
/// Converts between E.164 numbers and the forms a PBX's dial plan uses: what a user dials, and how the
/// PBX presents a caller. Pure functions. No state.
/// </summary>
public static class DialPlanNumbers
{
    /// <summary>Country calling code of a region, from ITU-T E.164 assignments. Null for a region not listed.</summary>
    public static string? CountryCallingCode(string region) => region switch
    {
        "FR" => "33",
        "CH" => "41",
        "DE" => "49",
        "SE" => "46",
        "GB" => "44",
        "US" or "CA" => "1",
        "AT" => "43",
        "BE" => "32",
        "IT" => "39",
        "ES" => "34",
        "NL" => "31",
        _ => null,
    };

    /// <summary>
    /// The number without trunk access code: national prefix and national number for a number of the
    /// plan's own country, otherwise international prefix and the E.164 digits.
    /// </summary>
    public static string ToDialable(string e164, PbxDialPlan plan)
    {
        var digits = E164Digits(e164);
        var countryCode = CountryCallingCode(plan.Region)
            ?? throw new ArgumentException($"Region '{plan.Region}' has no known country calling code.", nameof(plan));

        return digits.StartsWith(countryCode, StringComparison.Ordinal)
            ? plan.NationalPrefix + digits[countryCode.Length..]
            : plan.InternationalPrefix + digits;
    }

    /// <summary>What a user of the PBX dials to reach <paramref name="e164"/>: trunk access code, then the dialable form.</summary>
    public static string ToDialString(string e164, PbxDialPlan plan) => plan.TrunkAccessCode + ToDialable(e164, plan);

    /// <summary>How the PBX shows an incoming caller with number <paramref name="e164"/> to its devices.</summary>
    public static string PresentIncoming(string e164, PbxDialPlan plan) => plan.Presentation switch
    {
        CallerPresentation.WithTrunkAccessCode => ToDialString(e164, plan),
        CallerPresentation.National => ToDialable(e164, plan),
        CallerPresentation.E164 => "+" + E164Digits(e164),
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan.Presentation, "Unknown caller presentation."),
    };

    /// <summary>
    /// Reads a number in the plan's dialable form (no trunk access code) back to E.164. Null when it starts
    /// with neither the international nor the national prefix, as a short code does.
    /// </summary>
    public static string? ToE164(string dialable, PbxDialPlan plan)
    {
        ArgumentNullException.ThrowIfNull(dialable);
        ArgumentNullException.ThrowIfNull(plan);
        if (dialable.StartsWith('+'))
        {
            return "+" + E164Digits(dialable);
        }

        if (dialable.StartsWith(plan.InternationalPrefix, StringComparison.Ordinal) && dialable.Length > plan.InternationalPrefix.Length)
        {
            return "+" + dialable[plan.InternationalPrefix.Length..];
        }

        if (dialable.StartsWith(plan.NationalPrefix, StringComparison.Ordinal)
            && dialable.Length > plan.NationalPrefix.Length
            && CountryCallingCode(plan.Region) is { } countryCode)
        {
            return "+" + countryCode + dialable[plan.NationalPrefix.Length..];
        }

        return null;
    }

    private static string E164Digits(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        if (e164.Length < 3 || e164.Length > 16 || e164[0] != '+' || e164.AsSpan(1).ContainsAnyExcept("0123456789"))
        {
            throw new ArgumentException($"'{e164}' is not an E.164 number. Write '+', the country code and up to 15 digits, for example +33123456789.", nameof(e164));
        }

        return e164[1..];
    }
}
