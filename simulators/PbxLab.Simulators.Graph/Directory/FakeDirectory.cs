namespace PbxLab.Simulators.Graph.Directory;

/// <summary>
/// Users of the fake tenant, found by object id or user principal name without regard to case.
/// Thread-safe.
/// </summary>
public sealed class FakeDirectory
{
    private readonly Lock _lock = new();
    private readonly List<FakeUser> _users = [];

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

    private FakeUser? FindUnlocked(string userIdOrUpn) =>
        _users.Find(user =>
            string.Equals(user.Id, userIdOrUpn, StringComparison.OrdinalIgnoreCase)
            || string.Equals(user.UserPrincipalName, userIdOrUpn, StringComparison.OrdinalIgnoreCase));
}
