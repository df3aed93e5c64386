namespace PbxLab.Simulators.Graph.Directory;

/// <summary>An email address of an Outlook contact, as Graph's emailAddress type.</summary>
public sealed record FakeEmailAddress(string? Name, string Address);

/// <summary>
/// An Outlook personal contact of one user, with the Graph contact properties the simulator serves.
/// Phone numbers are kept exactly as the owner typed them.
/// </summary>
public sealed record FakeContact
{
    /// <summary>Contact id; Outlook ids are long opaque strings, any unique text will do here.</summary>
    public required string Id { get; init; }

    public string? DisplayName { get; init; }

    public string? GivenName { get; init; }

    public string? Surname { get; init; }

    public IReadOnlyList<string> BusinessPhones { get; init; } = [];

    public IReadOnlyList<string> HomePhones { get; init; } = [];

    public string? MobilePhone { get; init; }

    public IReadOnlyList<FakeEmailAddress> EmailAddresses { get; init; } = [];
}
