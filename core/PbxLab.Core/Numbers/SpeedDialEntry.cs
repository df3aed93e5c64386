namespace PbxLab.Core.Numbers;

/// <summary>Kind of a contact's phone number, as Outlook names the property.</summary>
public enum SpeedDialNumberKind
{
    Business,
    Home,
    Mobile,
}

/// <summary>One number of a speed dial: as the owner stored it, and in E.164 (null when it cannot be normalised).</summary>
public sealed record SpeedDialNumber(SpeedDialNumberKind Kind, string Stored, string? E164);

/// <summary>
/// A contact as the speed-dial view lists it. A contact with at least one business, home or mobile
/// number is eligible; one with none is listed with <see cref="Status"/> "NOT AVAILABLE".
/// </summary>
public sealed record SpeedDialEntry(string DisplayName, bool IsEligible, IReadOnlyList<SpeedDialNumber> Numbers)
{
    /// <summary>Text the view shows for a contact that cannot become a speed dial.</summary>
    public const string NotAvailable = "NOT AVAILABLE";

    /// <summary>"NOT AVAILABLE" for an ineligible contact, otherwise null.</summary>
    public string? Status => IsEligible ? null : NotAvailable;
}
