namespace PbxLab.Core.Api;

/// <summary>The speed dials of the core's users, as the REST API serves them.</summary>
public interface ISpeedDialSource
{
    /// <summary>Returns the user's speed dials, or null when the core has no user with that email (compared ignoring case).</summary>
    Task<IReadOnlyList<SpeedDialEntry>?> GetSpeedDialsAsync(string userEmail, CancellationToken cancellationToken);

    /// <summary>
    /// Checks whether the core has a user with that email (compared ignoring case). The call-history
    /// endpoint uses it to return 404 for an unknown user. The default requests the user's speed dials,
    /// so an implementation that can check without loading contacts should override it.
    /// </summary>
    async Task<bool> IsKnownUserAsync(string userEmail, CancellationToken cancellationToken) =>
        await GetSpeedDialsAsync(userEmail, cancellationToken) is not null;
}

/// <summary>One contact offered as a speed dial.</summary>
/// <param name="Eligible">Whether the contact can be dialled: false when it has no business, home or mobile number, which the API shows as "NOT AVAILABLE".</param>
public sealed record SpeedDialEntry(string DisplayName, bool Eligible, IReadOnlyList<SpeedDialNumber> Numbers);

/// <param name="Number">The number as stored in the directory or contact.</param>
/// <param name="E164">The number in E.164, or null when it cannot be normalised.</param>
public sealed record SpeedDialNumber(SpeedDialNumberType Type, string Number, string? E164);

/// <summary>Which phone field of a directory user or Outlook contact a number came from.</summary>
public enum SpeedDialNumberType
{
    Business,
    Home,
    Mobile,
}
