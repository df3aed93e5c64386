namespace PbxLab.Harness.Scenarios;

/// <summary>
/// An Outlook personal contact in a user's mailbox, with its numbers written as the user typed them.
/// </summary>
public sealed record ContactDefinition(
    string DisplayName,
    IReadOnlyList<string> BusinessPhones,
    IReadOnlyList<string> HomePhones,
    string? MobilePhone);

/// <summary>An Entra user without a PBX device, such as a colleague who calls from a mobile phone.</summary>
public sealed record PersonDefinition(string DisplayName, string Email, IReadOnlyList<string> BusinessPhones, string? MobilePhone);

/// <summary>A directory made by the seeded generator: UserCount users with ContactsPerUser contacts each.</summary>
public sealed record GeneratedDirectoryDefinition(int UserCount, int ContactsPerUser, int Seed, IReadOnlyList<string> Locales);

/// <summary>
/// Directory data of a scenario beyond its users: Entra people without a PBX device, a generated
/// directory, and a directory file (CSV or JSON) that a partner exported, with its path resolved
/// against the scenario file's folder.
/// </summary>
public sealed record DirectoryDefinition(
    IReadOnlyList<PersonDefinition> People,
    GeneratedDirectoryDefinition? Generate,
    string? ImportPath)
{
    public static DirectoryDefinition Empty { get; } = new([], null, null);
}
