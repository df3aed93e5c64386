using System.Text.RegularExpressions;
using Bogus;
using PbxLab.Simulators.Graph.Directory;

namespace PbxLab.Simulators.Tests.Graph.Directory;

public sealed class DirectoryGeneratorTests
{
    [Fact]
    public void Same_seed_gives_same_directory()
    {
        var first = DirectoryGenerator.Generate(60, seed: 42);
        var second = DirectoryGenerator.Generate(60, seed: 42);

        Assert.Equal(first.Users, second.Users, UserComparer);
        Assert.Equal(first.Contacts.Select(Describe), second.Contacts.Select(Describe));
    }

    [Fact]
    public void Different_seed_gives_other_directory()
    {
        var first = DirectoryGenerator.Generate(20, seed: 1);
        var second = DirectoryGenerator.Generate(20, seed: 2);

        Assert.NotEqual(first.Users.Select(user => user.DisplayName), second.Users.Select(user => user.DisplayName));
    }

    [Fact]
    public void Sizes_and_ids_are_as_requested()
    {
        var directory = DirectoryGenerator.Generate(30, seed: 7, contactsPerUser: 4);

        Assert.Equal(30, directory.Users.Count);
        Assert.Equal(120, directory.Contacts.Count);
        Assert.Equal(30, directory.Users.Select(user => user.Id).Distinct().Count());
        Assert.Equal(30, directory.Users.Select(user => user.UserPrincipalName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(directory.Users, user => Assert.Single(user.BusinessPhones));
        Assert.All(directory.Contacts, contact => Assert.Contains(directory.Users, user => user.UserPrincipalName == contact.OwnerUserPrincipalName));
    }

    [Fact]
    public void Every_format_appears_for_each_locale()
    {
        var random = new Randomizer(3);
        foreach (var region in DirectoryGenerator.Locales.Values)
        {
            var number = DirectoryGenerator.FixedLine(region, random);
            var written = Enum.GetValues<PhoneFormat>().Select(number.Format).ToList();

            // Every habit keeps the national significant number's digits in order at the end.
            Assert.All(written, text => Assert.EndsWith(number.NationalSignificantNumber, Regex.Replace(text, "[^0-9]", ""), StringComparison.Ordinal));
            Assert.Equal(written.Count, written.Distinct().Count());
        }
    }

    [Fact]
    public void French_number_is_written_in_guide_formats()
    {
        var number = new CountryNumber("33", "0", ["1", "23", "45", "67", "89"]);

        Assert.Equal("+33123456789", number.Format(PhoneFormat.E164));
        Assert.Equal("33 1 23 45 67 89", number.Format(PhoneFormat.CountryCodeWithoutPlus));
        Assert.Equal("01 23 45 67 89", number.Format(PhoneFormat.National));
        Assert.Equal("+33 1 23 45 67 89", number.Format(PhoneFormat.International));
        Assert.Equal("011 33 1 23 45 67 89", number.Format(PhoneFormat.FromNorthAmerica));
        Assert.Equal("00 33 1 23 45 67 89", number.Format(PhoneFormat.FromEurope));
        Assert.Equal("+33 (0)1 23 45 67 89", number.Format(PhoneFormat.InternationalWithNationalPrefix));
        Assert.Equal("01.23.45.67.89", number.Format(PhoneFormat.Dotted));
    }

    [Fact]
    public void Local_habits_match_each_country()
    {
        var newYork = new CountryNumber("1", "1", ["212", "555", "0123"]);
        Assert.Equal("(212) 555-0123", newYork.Format(PhoneFormat.LocalHabit));
        Assert.Equal("1-212-555-0123", newYork.Format(PhoneFormat.National));
        Assert.Equal("212.555.0123", newYork.Format(PhoneFormat.Dotted));
        Assert.Equal("+1 212 555 0123", newYork.Format(PhoneFormat.International));
        Assert.Equal("08-123 456 78", new CountryNumber("46", "0", ["8", "123", "456", "78"]).Format(PhoneFormat.LocalHabit));
        Assert.Equal("(030) 1234567", new CountryNumber("49", "0", ["30", "1234567"]).Format(PhoneFormat.LocalHabit));
        Assert.Equal("020 7946 0958", new CountryNumber("44", "0", ["20", "7946", "0958"]).Format(PhoneFormat.National));
        Assert.Equal("044 123 45 67", new CountryNumber("41", "0", ["44", "123", "45", "67"]).Format(PhoneFormat.National));
        Assert.Equal("044/123 45 67", new CountryNumber("41", "0", ["44", "123", "45", "67"]).Format(PhoneFormat.LocalHabit));
    }

    [Fact]
    public void Directory_has_formats_gaps_and_shared_numbers()
    {
        var directory = DirectoryGenerator.Generate(120, seed: 11);
        var stored = directory.Users.SelectMany(user => user.BusinessPhones.Append(user.MobilePhone))
            .Concat(directory.Contacts.SelectMany(owned => owned.Contact.BusinessPhones.Concat(owned.Contact.HomePhones).Append(owned.Contact.MobilePhone)))
            .OfType<string>()
            .ToList();

        Assert.Contains(stored, text => text.StartsWith("011 ", StringComparison.Ordinal));
        Assert.Contains(stored, text => text.StartsWith("00 ", StringComparison.Ordinal));
        Assert.Contains(stored, text => text.Contains("(0)", StringComparison.Ordinal));
        Assert.Contains(stored, text => Regex.IsMatch(text, @"^\+\d+$"));
        Assert.Contains(stored, text => Regex.IsMatch(text, @"^0\d"));
        Assert.Contains(stored, text => Regex.IsMatch(text, @"^\(\d{3}\) \d{3}-\d{4}$"));
        Assert.Contains(stored, text => Regex.IsMatch(text, @"^[1-9]\d* "));

        Assert.Contains(directory.Contacts, owned => owned.Contact.BusinessPhones.Count == 0 && owned.Contact.HomePhones.Count == 0 && owned.Contact.MobilePhone is null);

        var shared = directory.Contacts.Where(owned => owned.Contact.BusinessPhones.Count == 1
            && directory.Users.Any(user => user.BusinessPhones.SequenceEqual(owned.Contact.BusinessPhones) && user.DisplayName != owned.Contact.DisplayName));
        Assert.NotEmpty(shared);
    }

    [Fact]
    public async Task Generated_directory_loads_into_server()
    {
        await using var graph = await GraphTestServer.StartAsync();
        var directory = DirectoryGenerator.Generate(10, seed: 5, locales: ["fr", "en_US"], contactsPerUser: 2);

        graph.Server.LoadDirectory(directory);

        Assert.Equal(12, graph.Server.Directory.Users.Count);
        var owner = directory.Users[3];
        Assert.Equal(2, graph.Server.Directory.ContactsOf(owner.Id).Count);
    }

    [Fact]
    public void Unknown_locale_is_rejected()
    {
        var exception = Assert.Throws<ArgumentException>(() => DirectoryGenerator.Generate(1, 1, ["xx"]));

        Assert.Contains("'xx'", exception.Message, StringComparison.Ordinal);
    }

    private static readonly UserEquality UserComparer = new();

    private static string Describe(OwnedContact owned) =>
        $"{owned.OwnerUserPrincipalName}|{owned.Contact.Id}|{owned.Contact.DisplayName}|{string.Join(';', owned.Contact.BusinessPhones)}|{string.Join(';', owned.Contact.HomePhones)}|{owned.Contact.MobilePhone}";

    private sealed class UserEquality : IEqualityComparer<FakeUser>
    {
        public bool Equals(FakeUser? x, FakeUser? y) =>
            x is not null && y is not null
            && x.Id == y.Id && x.UserPrincipalName == y.UserPrincipalName && x.DisplayName == y.DisplayName
            && x.BusinessPhones.SequenceEqual(y.BusinessPhones) && x.MobilePhone == y.MobilePhone;

        public int GetHashCode(FakeUser obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
