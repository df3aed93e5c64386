using PhoneNumbers;

namespace PbxLab.Core.Numbers;

/// <summary>
/// Turns phone numbers into E.164 with libphonenumber, for one PBX and its dial plan. Pure and
/// thread-safe. Failures come back as a <see cref="NormalizationResult"/> with a reason, never as
/// an exception.
/// </summary>
/// <remarks>
/// A number a person stored (in Entra or Outlook) is tried in this order, and the first valid
/// number wins:
/// <list type="number">
/// <item>as written, in the PBX's region (national, international with "+" or the region's own
/// international prefix, "(0)" after the country code);</item>
/// <item>when its digits start with "00" or "011", the international prefixes of most of Europe and
/// of North America, with that prefix replaced by "+" (a number saved while abroad);</item>
/// <item>with a "+" in front of its digits (a country code written without "+", as in
/// "33 1 23 45 67 89").</item>
/// </list>
/// A later step runs only when the earlier ones gave no valid number, so a valid national number
/// is never read as a country code.
/// </remarks>
public sealed class PhoneNumberNormalizer
{
    private const int MaxInputLength = 64;

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>International prefixes tried on a stored number that is invalid as written.</summary>
    /// <remarks>NOTE: other countries' prefixes (0011 in Australia, 010 in Japan) are not tried.</remarks>
    private static readonly string[] ForeignInternationalPrefixes = ["00", "011"];

    public PhoneNumberNormalizer(DialPlan dialPlan)
    {
        ArgumentNullException.ThrowIfNull(dialPlan);
        if (!Util.GetSupportedRegions().Contains(dialPlan.Region))
        {
            throw new ArgumentException($"Region '{dialPlan.Region}' of the dial plan is not a CLDR region that libphonenumber knows. Use a two-letter code such as FR, CH, DE, SE, GB or US.", nameof(dialPlan));
        }

        foreach (var (name, prefix) in new[] { ("TrunkAccessCode", dialPlan.TrunkAccessCode), ("NationalPrefix", dialPlan.NationalPrefix), ("InternationalPrefix", dialPlan.InternationalPrefix) })
        {
            if (prefix is null || !prefix.All(char.IsAsciiDigit))
            {
                throw new ArgumentException($"{name} '{prefix}' of the dial plan must contain digits only, or be empty for none.", nameof(dialPlan));
            }
        }

        DialPlan = dialPlan;
    }

    public DialPlan DialPlan { get; }

    /// <summary>
    /// Normalises a number as the PBX presented it: already E.164, or its trunk access code (when
    /// present) followed by the international prefix and a country code, or by a national number.
    /// </summary>
    public NormalizationResult NormalizePresented(string? presented)
    {
        if (!TryClean(presented, out var raw, out var failure))
        {
            return NormalizationResult.Fail(failure);
        }

        if (raw.StartsWith('+'))
        {
            return ParseValid(raw, out var e164) ? NormalizationResult.Success(e164) : Invalid(presented!);
        }

        var digits = DigitsOf(raw);
        var plan = DialPlan;

        // In France the trunk access code and the national prefix are both "0", so "00123456789"
        // is the national number 0123456789 behind the access code. Try without the access code
        // first, then as presented, because some PBXs present incoming numbers without it.
        if (plan.TrunkAccessCode.Length > 0 && digits.StartsWith(plan.TrunkAccessCode, StringComparison.Ordinal)
            && TryDialled(digits[plan.TrunkAccessCode.Length..], out var withoutAccessCode))
        {
            return NormalizationResult.Success(withoutAccessCode);
        }

        return TryDialled(digits, out var asPresented) ? NormalizationResult.Success(asPresented) : Invalid(presented!);
    }

    /// <summary>Normalises a number as a person stored it, in any common habit; see the remarks on the class.</summary>
    public NormalizationResult NormalizeStored(string? stored)
    {
        if (!TryClean(stored, out var raw, out var failure))
        {
            return NormalizationResult.Fail(failure);
        }

        if (ParseValid(raw, out var e164))
        {
            return NormalizationResult.Success(e164);
        }

        if (raw.StartsWith('+'))
        {
            return Invalid(stored!);
        }

        var digits = DigitsOf(raw);
        foreach (var prefix in ForeignInternationalPrefixes)
        {
            if (digits.Length > prefix.Length && digits.StartsWith(prefix, StringComparison.Ordinal)
                && ParseValid("+" + digits[prefix.Length..], out e164))
            {
                return NormalizationResult.Success(e164);
            }
        }

        return ParseValid("+" + digits, out e164) ? NormalizationResult.Success(e164) : Invalid(stored!);
    }

    /// <summary>Reads digits dialled after the access code with this plan's international prefix, or as a national number.</summary>
    private bool TryDialled(string digits, out string e164)
    {
        var international = DialPlan.InternationalPrefix;
        if (international.Length > 0 && digits.Length > international.Length && digits.StartsWith(international, StringComparison.Ordinal))
        {
            return ParseValid("+" + digits[international.Length..], out e164);
        }

        return ParseValid(digits, out e164);
    }

    private bool ParseValid(string text, out string e164)
    {
        e164 = "";
        PhoneNumber number;
        try
        {
            number = Util.Parse(text, DialPlan.Region);
        }
        catch (NumberParseException)
        {
            // Not a number in any reading; the caller tries the next reading or reports the input.
            return false;
        }

        if (!Util.IsValidNumber(number))
        {
            return false;
        }

        e164 = Util.Format(number, PhoneNumberFormat.E164);
        return true;
    }

    private static bool TryClean(string? input, out string raw, out string failure)
    {
        raw = input?.Trim() ?? "";
        failure = "";
        if (raw.Length == 0)
        {
            failure = "The number is empty.";
            return false;
        }

        if (raw.Length > MaxInputLength)
        {
            failure = $"The number is {raw.Length} characters long; a phone number has at most {MaxInputLength}.";
            return false;
        }

        if (!raw.Any(char.IsAsciiDigit))
        {
            failure = $"'{raw}' contains no digits.";
            return false;
        }

        return true;
    }

    private static string DigitsOf(string raw) => string.Concat(raw.Where(char.IsAsciiDigit));

    private NormalizationResult Invalid(string input) =>
        NormalizationResult.Fail($"'{input.Trim()}' is not a valid phone number in region {DialPlan.Region}, nor with a country code.");
}
