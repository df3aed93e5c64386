namespace PbxLab.Core.Numbers;

/// <summary>Builds the speed-dial view of a user's Outlook contacts.</summary>
public static class SpeedDials
{
    /// <summary>
    /// Lists every contact in the given order with its business, home and mobile numbers. A number
    /// that cannot be normalised is listed with a null E.164 and still makes the contact eligible,
    /// because the owner stored it and may want to correct it.
    /// </summary>
    public static IReadOnlyList<SpeedDialEntry> Build(IEnumerable<OutlookContactRecord> contacts, PhoneNumberNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        ArgumentNullException.ThrowIfNull(normalizer);

        var view = new List<SpeedDialEntry>();
        foreach (var contact in contacts)
        {
            var numbers = new List<SpeedDialNumber>();
            Add(numbers, SpeedDialNumberKind.Business, contact.BusinessPhones, normalizer);
            Add(numbers, SpeedDialNumberKind.Home, contact.HomePhones, normalizer);
            Add(numbers, SpeedDialNumberKind.Mobile, contact.MobilePhone is null ? [] : [contact.MobilePhone], normalizer);

            view.Add(new SpeedDialEntry(contact.DisplayName ?? "", numbers.Count > 0, numbers));
        }

        return view;
    }

    private static void Add(List<SpeedDialNumber> numbers, SpeedDialNumberKind kind, IEnumerable<string> stored, PhoneNumberNormalizer normalizer)
    {
        foreach (var number in stored)
        {
            if (string.IsNullOrWhiteSpace(number))
            {
                continue;
            }

            numbers.Add(new SpeedDialNumber(kind, number, normalizer.NormalizeStored(number).E164));
        }
    }
}
