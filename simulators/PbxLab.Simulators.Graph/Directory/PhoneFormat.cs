namespace PbxLab.Simulators.Graph.Directory;

/// <summary>A habit of writing a phone number, as people store them in Entra and Outlook.</summary>
public enum PhoneFormat
{
    /// <summary>+33123456789</summary>
    E164,

    /// <summary>Country code without "+": 33 1 23 45 67 89.</summary>
    CountryCodeWithoutPlus,

    /// <summary>01 23 45 67 89</summary>
    National,

    /// <summary>+33 1 23 45 67 89</summary>
    International,

    /// <summary>+41 (0)44 123 45 67</summary>
    InternationalWithNationalPrefix,

    /// <summary>Dialled from North America: 011 33 1 23 45 67 89.</summary>
    FromNorthAmerica,

    /// <summary>Dialled from most of Europe: 00 33 1 23 45 67 89.</summary>
    FromEurope,

    /// <summary>Groups joined by dots: 01.23.45.67.89, 212.555.0123.</summary>
    Dotted,

    /// <summary>A country's own habit: (030) 123 45 67, 08-123 456 78, (212) 555-0123, 0033123456789.</summary>
    LocalHabit,
}

/// <summary>A number in one country: its country code, national prefix and the national significant number split into groups.</summary>
/// <param name="Groups">The national significant number in groups as that country writes them, area code first.</param>
public sealed record CountryNumber(string CountryCode, string NationalPrefix, IReadOnlyList<string> Groups)
{
    public string NationalSignificantNumber => string.Concat(Groups);

    public string E164 => $"+{CountryCode}{NationalSignificantNumber}";

    /// <summary>Writes the number in one habit. North America has no "(0)", so that habit writes +1 (212) 555-0123 there.</summary>
    public string Format(PhoneFormat format)
    {
        var grouped = string.Join(' ', Groups);
        var isNorthAmerica = CountryCode == "1";
        return format switch
        {
            PhoneFormat.E164 => E164,
            PhoneFormat.CountryCodeWithoutPlus => $"{CountryCode} {grouped}",
            PhoneFormat.National => isNorthAmerica ? $"{NationalPrefix}-{string.Join('-', Groups)}" : $"{NationalPrefix}{grouped}",
            PhoneFormat.International => $"+{CountryCode} {grouped}",
            PhoneFormat.InternationalWithNationalPrefix => isNorthAmerica ? $"+1 ({Groups[0]}) {string.Join('-', Groups.Skip(1))}" : $"+{CountryCode} ({NationalPrefix}){grouped}",
            PhoneFormat.FromNorthAmerica => $"011 {CountryCode} {grouped}",
            PhoneFormat.FromEurope => $"00 {CountryCode} {grouped}",
            PhoneFormat.Dotted => isNorthAmerica ? string.Join('.', Groups) : $"{NationalPrefix}{string.Join('.', Groups)}",
            PhoneFormat.LocalHabit => LocalHabit(),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown phone format."),
        };
    }

    private string LocalHabit() => CountryCode switch
    {
        "1" => $"({Groups[0]}) {Groups[1]}-{Groups[2]}",
        "46" => $"{NationalPrefix}{Groups[0]}-{string.Join(' ', Groups.Skip(1))}",
        "49" => $"({NationalPrefix}{Groups[0]}) {string.Join(' ', Groups.Skip(1))}",
        "41" => $"{NationalPrefix}{Groups[0]}/{string.Join(' ', Groups.Skip(1))}",
        "44" => $"({NationalPrefix}{Groups[0]}) {string.Join(' ', Groups.Skip(1))}",
        _ => $"00{CountryCode}{NationalSignificantNumber}",
    };
}
