using Bogus;

namespace PbxLab.Simulators.Graph.Directory;

/// <summary>
/// Generates a directory of users and Outlook contacts with Bogus names and phone numbers written
/// in every <see cref="PhoneFormat"/>. The same options and seed give the same directory. About
/// one contact in ten has no number, and about one in twenty shares a number with a different
/// directory user, so name matching meets ambiguous numbers.
/// </summary>
public static class DirectoryGenerator
{
    /// <summary>Bogus locales the generator supports, with the region of their phone numbers.</summary>
    public static readonly IReadOnlyDictionary<string, string> Locales = new Dictionary<string, string>
    {
        ["fr"] = "FR",
        ["de_CH"] = "CH",
        ["de"] = "DE",
        ["sv"] = "SE",
        ["en_GB"] = "GB",
        ["en_US"] = "US",
    };

    private static readonly PhoneFormat[] Formats = Enum.GetValues<PhoneFormat>();

    /// <summary>Generates <paramref name="userCount"/> users spread over the locales, each with <paramref name="contactsPerUser"/> contacts.</summary>
    /// <param name="locales">Bogus locale codes from <see cref="Locales"/>; all of them when null.</param>
    /// <param name="domain">Mail domain of the users' user principal names.</param>
    public static GeneratedDirectory Generate(int userCount, int seed, IReadOnlyList<string>? locales = null, int contactsPerUser = 3, string domain = "contoso.com")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userCount);
        ArgumentOutOfRangeException.ThrowIfNegative(contactsPerUser);
        locales ??= [.. Locales.Keys];
        foreach (var locale in locales)
        {
            if (!Locales.ContainsKey(locale))
            {
                throw new ArgumentException($"Locale '{locale}' is not supported; use one of {string.Join(", ", Locales.Keys)}.", nameof(locales));
            }
        }

        if (locales.Count == 0)
        {
            throw new ArgumentException("At least one locale is needed.", nameof(locales));
        }

        // One randomizer drives every choice, so the output depends on the seed only.
        var random = new Randomizer(seed);
        var fakers = locales.ToDictionary(locale => locale, locale => new Faker(locale) { Random = random });
        var users = new List<FakeUser>();
        var contacts = new List<OwnedContact>();
        var formatTurn = 0;

        for (var index = 0; index < userCount; index++)
        {
            var locale = locales[index % locales.Count];
            var faker = fakers[locale];
            var region = Locales[locale];
            var givenName = faker.Name.FirstName();
            var surname = faker.Name.LastName();
            var upn = $"{MailPart(givenName)}.{MailPart(surname)}{index + 1}@{domain}";

            users.Add(new FakeUser
            {
                Id = random.Guid().ToString(),
                UserPrincipalName = upn,
                Mail = upn,
                DisplayName = $"{givenName} {surname}",
                GivenName = givenName,
                Surname = surname,
                PreferredLanguage = locale.Replace('_', '-'),
                BusinessPhones = [FixedLine(region, random).Format(Formats[formatTurn++ % Formats.Length])],
                MobilePhone = random.Bool(0.8f) ? Mobile(region, random).Format(Formats[formatTurn++ % Formats.Length]) : null,
            });
        }

        for (var ownerIndex = 0; ownerIndex < users.Count; ownerIndex++)
        {
            var owner = users[ownerIndex];
            for (var index = 0; index < contactsPerUser; index++)
            {
                var locale = locales[random.Number(locales.Count - 1)];
                var faker = fakers[locale];
                var region = Locales[locale];
                var givenName = faker.Name.FirstName();
                var surname = faker.Name.LastName();
                var contact = new FakeContact
                {
                    Id = $"contact-{ownerIndex + 1}-{index + 1}",
                    DisplayName = $"{givenName} {surname}",
                    GivenName = givenName,
                    Surname = surname,
                    EmailAddresses = [new FakeEmailAddress($"{givenName} {surname}", $"{MailPart(givenName)}.{MailPart(surname)}@example.com")],
                };

                var roll = random.Number(99);
                if (roll < 10)
                {
                    // No home, business or mobile number: the speed-dial view shows NOT AVAILABLE.
                }
                else if (roll < 15 && users.Count > 1)
                {
                    // The business phone of another directory user, under this contact's own name.
                    var other = users[(ownerIndex + 1 + index) % users.Count];
                    contact = contact with { BusinessPhones = other.BusinessPhones };
                }
                else
                {
                    contact = contact with
                    {
                        BusinessPhones = random.Bool() ? [FixedLine(region, random).Format(Formats[formatTurn++ % Formats.Length])] : [],
                        HomePhones = random.Bool() ? [FixedLine(region, random).Format(Formats[formatTurn++ % Formats.Length])] : [],
                        MobilePhone = Mobile(region, random).Format(Formats[formatTurn++ % Formats.Length]),
                    };
                }

                contacts.Add(new OwnedContact(owner.UserPrincipalName, contact));
            }
        }

        return new GeneratedDirectory(users, contacts);
    }

    /// <summary>
    /// A geographic number of the region's capital: Paris 1, Zurich 44, Berlin 30, Stockholm 8,
    /// London 20 7, New York 212. The subscriber digits are random within each plan's length.
    /// </summary>
    public static CountryNumber FixedLine(string region, Randomizer random) => region switch
    {
        "FR" => new("33", "0", ["1", Digits(random, 2), Digits(random, 2), Digits(random, 2), Digits(random, 2)]),
        "CH" => new("41", "0", ["44", Digits(random, 3), Digits(random, 2), Digits(random, 2)]),
        "DE" => new("49", "0", ["30", Digits(random, 7, firstNonZero: true)]),
        "SE" => new("46", "0", ["8", Digits(random, 3, firstNonZero: true), Digits(random, 3), Digits(random, 2)]),
        "GB" => new("44", "0", ["20", "7" + Digits(random, 3), Digits(random, 4)]),
        "US" => new("1", "1", ["212", "5" + Digits(random, 2, firstNonZero: true), Digits(random, 4)]),
        _ => throw new ArgumentException($"Region '{region}' is not supported.", nameof(region)),
    };

    /// <summary>A mobile number: FR 6, CH 79, DE 151, SE 70, GB 7700 900 (Ofcom's drama range), US 917.</summary>
    public static CountryNumber Mobile(string region, Randomizer random) => region switch
    {
        "FR" => new("33", "0", ["6", Digits(random, 2), Digits(random, 2), Digits(random, 2), Digits(random, 2)]),
        "CH" => new("41", "0", ["79", Digits(random, 3), Digits(random, 2), Digits(random, 2)]),
        "DE" => new("49", "0", ["151", Digits(random, 8)]),
        "SE" => new("46", "0", ["70", Digits(random, 3), Digits(random, 2), Digits(random, 2)]),
        "GB" => new("44", "0", ["7700", "900" + Digits(random, 3)]),
        "US" => new("1", "1", ["917", "5" + Digits(random, 2, firstNonZero: true), Digits(random, 4)]),
        _ => throw new ArgumentException($"Region '{region}' is not supported.", nameof(region)),
    };

    private static string Digits(Randomizer random, int count, bool firstNonZero = false)
    {
        var digits = new char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + random.Number(i == 0 && firstNonZero ? 1 : 0, 9));
        }

        return new string(digits);
    }

    /// <summary>Lower-case ASCII letters of a name, for a mail address.</summary>
    private static string MailPart(string name)
    {
        var letters = new string([.. name.ToLowerInvariant().Where(char.IsAsciiLetterLower)]);
        return letters.Length > 0 ? letters : "user";
    }
}
