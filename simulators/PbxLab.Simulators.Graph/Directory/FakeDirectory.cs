namespace PbxLab.Simulators.Graph.Directory;

/// <summary>
/// Users of the fake tenant, found by object id or user principal name without regard to case, and
/// the Outlook contacts of each user. Thread-safe.
/// </summary>
public sealed class FakeDirectory
{
    private readonly Lock _lock = new();
    private readonly List<FakeUser> _users = [];
    private readonly Dictionary<string, List<FakeContact>> _contactsByUserId = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds a user; throws when its id or user principal name is already taken.</summary>
    public FakeUser AddUser(FakeUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(user.Id) || string.IsNullOrWhiteSpace(user.UserPrincipalName))
        {
            throw new ArgumentException("A user needs a non-empty Id and UserPrincipalName.", nameof(user));
        }

        lock (_lock)
        {
            if (FindUnlocked(user.Id) is not null || FindUnlocked(user.UserPrincipalName) is not null)
            {
                throw new ArgumentException(
                    $"A user with id '{user.Id}' or userPrincipalName '{user.UserPrincipalName}' already exists.", nameof(user));
            }

            _users.Add(user);
        }

        return user;
    }

    /// <summary>Finds a user by object id or user principal name, or returns null.</summary>
    public FakeUser? Find(string userIdOrUpn)
    {
        lock (_lock)
        {
            return FindUnlocked(userIdOrUpn);
        }
    }

    /// <summary>Finds a user by object id or user principal name, or throws naming the value.</summary>
    public FakeUser Get(string userIdOrUpn) =>
        Find(userIdOrUpn) ?? throw new KeyNotFoundException($"No user with id or userPrincipalName '{userIdOrUpn}' in the fake directory.");

    /// <summary>Returns every user in the order they were added.</summary>
    public IReadOnlyList<FakeUser> Users
    {
        get
        {
            lock (_lock)
            {
                return [.. _users];
            }
        }
    }

    /// <summary>Adds an Outlook contact to a user's mailbox; throws when the user is unknown or the contact id is taken.</summary>
    public FakeContact AddContact(string ownerUserIdOrUpn, FakeContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (string.IsNullOrWhiteSpace(contact.Id))
        {
            throw new ArgumentException("A contact needs a non-empty Id.", nameof(contact));
        }

        lock (_lock)
        {
            var owner = FindUnlocked(ownerUserIdOrUpn)
                ?? throw new KeyNotFoundException($"No user with id or userPrincipalName '{ownerUserIdOrUpn}' in the fake directory to own contact '{contact.Id}'.");
            if (!_contactsByUserId.TryGetValue(owner.Id, out var contacts))
            {
                contacts = [];
                _contactsByUserId[owner.Id] = contacts;
            }

            if (contacts.Exists(existing => string.Equals(existing.Id, contact.Id, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"User '{owner.UserPrincipalName}' already has a contact with id '{contact.Id}'.", nameof(contact));
            }

            contacts.Add(contact);
        }

        return contact;
    }

    /// <summary>Returns a user's contacts in the order they were added; empty for a user without any.</summary>
    public IReadOnlyList<FakeContact> ContactsOf(string userId)
    {
        lock (_lock)
        {
            return _contactsByUserId.TryGetValue(userId, out var contacts) ? [.. contacts] : [];
        }
    }

    private FakeUser? FindUnlocked(string userIdOrUpn) =>
        _users.Find(user =>
            string.Equals(user.Id, userIdOrUpn, StringComparison.OrdinalIgnoreCase)
            || string.Equals(user.UserPrincipalName, userIdOrUpn, StringComparison.OrdinalIgnoreCase));
}
