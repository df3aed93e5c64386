using PbxLab.Core.History;

namespace PbxLab.Core.Numbers;

/// <summary>
/// Names for E.164 numbers, from the Entra directory and from each monitored user's Outlook
/// contacts. Built once and read-only afterwards, so it is safe to share between threads. A lookup
/// is one or two dictionary reads and returns a result computed at build time, so it allocates
/// nothing.
/// </summary>
public sealed class DirectoryIndex
{
    private static readonly Dictionary<string, string> NoUserNames = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, RemoteParty> _directory;
    private readonly Dictionary<string, Dictionary<string, RemoteParty>> _contactsByOwner;
    private readonly Dictionary<string, string> _userNamesByEmail;

    private DirectoryIndex(
        Dictionary<string, RemoteParty> directory,
        Dictionary<string, Dictionary<string, RemoteParty>> contactsByOwner,
        Dictionary<string, string> userNamesByEmail,
        int entryCount,
        IReadOnlyList<string> skippedNumbers)
    {
        _directory = directory;
        _contactsByOwner = contactsByOwner;
        _userNamesByEmail = userNamesByEmail;
        EntryCount = entryCount;
        SkippedNumbers = skippedNumbers;
    }

    public static DirectoryIndex Empty { get; } = Build([]);

    /// <summary>Number of entries the index was built from.</summary>
    public int EntryCount { get; }

    /// <summary>Stored numbers that could not be normalised, each with the person and the reason.</summary>
    public IReadOnlyList<string> SkippedNumbers { get; }

    /// <summary>Builds an index from entries whose numbers are already in E.164, without user emails.</summary>
    public static DirectoryIndex Build(IEnumerable<DirectoryEntry> entries) => Build(entries, [], NoUserNames);

    /// <summary>Builds an index from Graph users and contacts, normalising every stored number with <paramref name="normalizer"/>.</summary>
    /// <remarks>
    /// NOTE: stored numbers without a country code are read in the region of this one normalizer.
    /// A deployment whose PBXs sit in different countries reads them all in the first PBX's region.
    /// </remarks>
    public static DirectoryIndex Build(DirectorySnapshot snapshot, PhoneNumberNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(normalizer);

        var entries = new List<DirectoryEntry>();
        var skipped = new List<string>();

        foreach (var user in snapshot.Users)
        {
            var name = user.DisplayName ?? user.UserPrincipalName ?? user.Id;
            var stored = user.BusinessPhones.Append(user.MobilePhone);
            entries.Add(DirectoryEntry.ForUser(user.Id, name, Normalize(stored, name, normalizer, skipped)));
        }

        foreach (var (owner, contacts) in snapshot.ContactsByOwner)
        {
            foreach (var contact in contacts)
            {
                var name = contact.DisplayName ?? "";
                var stored = contact.BusinessPhones.Concat(contact.HomePhones).Append(contact.MobilePhone);
                entries.Add(DirectoryEntry.ForContact(owner, name, Normalize(stored, name, normalizer, skipped)));
            }
        }

        return Build(entries, skipped, UserNamesByEmail(snapshot.Users));
    }

    /// <summary>
    /// Returns the Entra displayName of the user whose userPrincipalName or mail is
    /// <paramref name="email"/> (ignoring case), or null when no loaded user has that email or the
    /// user has no display name.
    /// </summary>
    public string? UserDisplayNameOf(string email) =>
        _userNamesByEmail.TryGetValue(email.Trim(), out var displayName) ? displayName : null;

    /// <summary>Finds the name for a number, searching the contacts of <paramref name="ownerEmail"/> and the directory.</summary>
    /// <returns>The match; its Source is None when no entry has the number.</returns>
    public RemoteParty Lookup(string e164, string? ownerEmail)
    {
        if (ownerEmail is not null
            && _contactsByOwner.TryGetValue(ownerEmail, out var contacts)
            && contacts.TryGetValue(e164, out var contactParty))
        {
            return contactParty;
        }

        return _directory.TryGetValue(e164, out var party) ? party : new RemoteParty(e164, null, RemoteNameSource.None, []);
    }

    // A userPrincipalName wins over another user's equal mail, because Entra keeps UPNs unique and
    // signs users in with them.
    private static Dictionary<string, string> UserNamesByEmail(IReadOnlyList<EntraUserRecord> users)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users)
        {
            if (!string.IsNullOrWhiteSpace(user.DisplayName) && !string.IsNullOrWhiteSpace(user.Mail))
            {
                names.TryAdd(user.Mail.Trim(), user.DisplayName.Trim());
            }
        }

        foreach (var user in users)
        {
            if (!string.IsNullOrWhiteSpace(user.DisplayName) && !string.IsNullOrWhiteSpace(user.UserPrincipalName))
            {
                names[user.UserPrincipalName.Trim()] = user.DisplayName.Trim();
            }
        }

        return names;
    }

    private static DirectoryIndex Build(IEnumerable<DirectoryEntry> entries, IReadOnlyList<string> skipped, Dictionary<string, string> userNamesByEmail)
    {
        ArgumentNullException.ThrowIfNull(entries);

        var directoryPeople = new Dictionary<string, List<Person>>(StringComparer.Ordinal);
        var contactPeople = new Dictionary<string, Dictionary<string, List<Person>>>(StringComparer.OrdinalIgnoreCase);
        var count = 0;

        foreach (var entry in entries)
        {
            count++;
            if (string.IsNullOrWhiteSpace(entry.DisplayName))
            {
                // A nameless entry cannot name a call and must not make a number ambiguous.
                continue;
            }

            var person = new Person(PersonIdentity.KeyOf(entry.DisplayName), entry.DisplayName.Trim(), entry.Source);
            var target = entry.Source == DirectoryEntrySource.Directory
                ? directoryPeople
                : Owned(contactPeople, entry.OwnerEmail ?? throw new ArgumentException($"Contact '{entry.DisplayName}' has no OwnerEmail.", nameof(entries)));

            foreach (var number in entry.Numbers.Distinct(StringComparer.Ordinal))
            {
                AddPerson(target, number, person);
            }
        }

        var directory = directoryPeople.ToDictionary(pair => pair.Key, pair => PartyOf(pair.Key, pair.Value), StringComparer.Ordinal);

        // A contact number that is also in the directory gets the people of both, merged here once
        // so that a lookup never has to combine them.
        var contactsByOwner = new Dictionary<string, Dictionary<string, RemoteParty>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (owner, numbers) in contactPeople)
        {
            var parties = new Dictionary<string, RemoteParty>(StringComparer.Ordinal);
            foreach (var (number, people) in numbers)
            {
                var all = directoryPeople.TryGetValue(number, out var directoryHits) ? [.. people, .. directoryHits] : people;
                parties[number] = PartyOf(number, all);
            }

            contactsByOwner[owner] = parties;
        }

        return new DirectoryIndex(directory, contactsByOwner, userNamesByEmail, count, skipped);
    }

    private static RemoteParty PartyOf(string number, List<Person> people)
    {
        // People are in order of arrival, contacts before directory users, so a person's first
        // entry gives the name shown: the owner's own spelling wins over the directory's.
        var distinct = people.DistinctBy(person => person.Key).ToList();
        if (distinct.Count == 1)
        {
            var only = distinct[0];
            var source = only.Source == DirectoryEntrySource.Contact ? RemoteNameSource.Contact : RemoteNameSource.Directory;
            return new RemoteParty(number, only.DisplayName, source, []);
        }

        return new RemoteParty(number, null, RemoteNameSource.Ambiguous, [.. distinct.Select(person => person.DisplayName)]);
    }

    private static Dictionary<string, List<Person>> Owned(Dictionary<string, Dictionary<string, List<Person>>> byOwner, string owner)
    {
        if (!byOwner.TryGetValue(owner, out var numbers))
        {
            numbers = new Dictionary<string, List<Person>>(StringComparer.Ordinal);
            byOwner[owner] = numbers;
        }

        return numbers;
    }

    private static void AddPerson(Dictionary<string, List<Person>> target, string number, Person person)
    {
        if (!target.TryGetValue(number, out var people))
        {
            people = [];
            target[number] = people;
        }

        people.Add(person);
    }

    private static List<string> Normalize(IEnumerable<string?> stored, string name, PhoneNumberNormalizer normalizer, List<string> skipped)
    {
        var numbers = new List<string>();
        foreach (var number in stored)
        {
            if (string.IsNullOrWhiteSpace(number))
            {
                continue;
            }

            var result = normalizer.NormalizeStored(number);
            if (result.E164 is { } e164)
            {
                numbers.Add(e164);
            }
            else
            {
                skipped.Add($"{name}: {result.Failure}");
            }
        }

        return numbers;
    }

    private sealed record Person(string Key, string DisplayName, DirectoryEntrySource Source);
}
