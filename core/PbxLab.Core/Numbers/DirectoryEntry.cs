namespace PbxLab.Core.Numbers;

/// <summary>Where a <see cref="DirectoryEntry"/> comes from.</summary>
public enum DirectoryEntrySource
{
    /// <summary>An Entra user: businessPhones and mobilePhone.</summary>
    Directory,

    /// <summary>An Outlook personal contact of one user: businessPhones, homePhones and mobilePhone.</summary>
    Contact,
}

/// <summary>A person with their numbers in E.164, as the index stores them.</summary>
/// <param name="UserId">Entra object id, for a <see cref="DirectoryEntrySource.Directory"/> entry.</param>
/// <param name="OwnerEmail">Email of the user who owns the contact, for a <see cref="DirectoryEntrySource.Contact"/> entry.</param>
public sealed record DirectoryEntry(
    string DisplayName,
    IReadOnlyList<string> Numbers,
    DirectoryEntrySource Source,
    string? UserId = null,
    string? OwnerEmail = null)
{
    public static DirectoryEntry ForUser(string userId, string displayName, IReadOnlyList<string> numbers) =>
        new(displayName, numbers, DirectoryEntrySource.Directory, UserId: userId);

    public static DirectoryEntry ForContact(string ownerEmail, string displayName, IReadOnlyList<string> numbers) =>
        new(displayName, numbers, DirectoryEntrySource.Contact, OwnerEmail: ownerEmail);
}
