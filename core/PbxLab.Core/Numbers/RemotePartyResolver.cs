using PbxLab.Core.History;

namespace PbxLab.Core.Numbers;

/// <summary>
/// Resolves the other party of a call. An internal number names the owner of that PBX device by
/// their Entra displayName. An external number goes to E.164 with the link's dial plan and then
/// to a name from the directory index.
/// </summary>
public sealed class RemotePartyResolver : IRemotePartyResolver
{
    private readonly Func<DirectoryIndex> _currentIndex;
    private readonly IReadOnlyDictionary<string, PhoneNumberNormalizer> _normalizersByLink;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _deviceOwnersByLink;

    /// <param name="currentIndex">Returns the latest index, so a refresh takes effect on the next call.</param>
    /// <param name="normalizersByLink">The normalizer of each link name, with that PBX's dial plan.</param>
    /// <param name="deviceOwnersByLink">For each link name, the email of the owner of each directory number.</param>
    public RemotePartyResolver(
        Func<DirectoryIndex> currentIndex,
        IReadOnlyDictionary<string, PhoneNumberNormalizer> normalizersByLink,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> deviceOwnersByLink)
    {
        ArgumentNullException.ThrowIfNull(currentIndex);
        ArgumentNullException.ThrowIfNull(normalizersByLink);
        ArgumentNullException.ThrowIfNull(deviceOwnersByLink);
        _currentIndex = currentIndex;
        _normalizersByLink = normalizersByLink;
        _deviceOwnersByLink = deviceOwnersByLink;
    }

    public RemotePartyResolver(
        DirectoryIndex index,
        IReadOnlyDictionary<string, PhoneNumberNormalizer> normalizersByLink,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> deviceOwnersByLink)
        : this(() => index, normalizersByLink, deviceOwnersByLink)
    {
    }

    public RemoteParty Resolve(string userEmail, string link, string presentedNumber, bool isInternal)
    {
        if (string.IsNullOrWhiteSpace(presentedNumber))
        {
            // A withheld number: nothing to normalise or match.
            return RemoteParty.Unknown;
        }

        if (isInternal)
        {
            // Internal numbers are PBX directory numbers, not E.164, so only the device owner names
            // them. A person reads "Alice Martin" better than an email, so the owner's Entra
            // displayName is used, and the email when Entra has no such user or no name for them.
            if (!_deviceOwnersByLink.TryGetValue(link, out var owners) || !owners.TryGetValue(presentedNumber.Trim(), out var ownerEmail))
            {
                return RemoteParty.Unknown;
            }

            var ownerName = _currentIndex().UserDisplayNameOf(ownerEmail) ?? ownerEmail;
            return new RemoteParty(null, ownerName, RemoteNameSource.PbxDevice, []);
        }

        if (!_normalizersByLink.TryGetValue(link, out var normalizer))
        {
            return RemoteParty.Unknown;
        }

        var normalized = normalizer.NormalizePresented(presentedNumber);
        return normalized.E164 is { } e164 ? _currentIndex().Lookup(e164, userEmail) : RemoteParty.Unknown;
    }
}
