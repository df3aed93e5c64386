namespace PbxLab.Core.Numbers;

/// <summary>An Entra user with the phone numbers exactly as Graph returned them.</summary>
public sealed record EntraUserRecord(
    string Id,
    string? DisplayName,
    string? UserPrincipalName,
    string? Mail,
    IReadOnlyList<string> BusinessPhones,
    string? MobilePhone);

/// <summary>An Outlook personal contact with the phone numbers exactly as its owner typed them.</summary>
public sealed record OutlookContactRecord(
    string? DisplayName,
    IReadOnlyList<string> BusinessPhones,
    IReadOnlyList<string> HomePhones,
    string? MobilePhone);

/// <summary>The Entra users and the personal contacts of each monitored user, keyed by that user's email.</summary>
public sealed record DirectorySnapshot(
    IReadOnlyList<EntraUserRecord> Users,
    IReadOnlyDictionary<string, IReadOnlyList<OutlookContactRecord>> ContactsByOwner);
