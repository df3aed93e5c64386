using PbxLab.Core.Api;
using PbxLab.Core.Numbers;
using ApiNumber = PbxLab.Core.Api.SpeedDialNumber;
using ApiSpeedDial = PbxLab.Core.Api.SpeedDialEntry;

namespace PbxLab.Core.Gateway;

/// <summary>Serves the speed-dial view of the gateway's users from the Outlook contacts of the latest directory load.</summary>
internal sealed class DirectorySpeedDialSource(
    Func<IReadOnlyDictionary<string, IReadOnlyList<OutlookContactRecord>>> currentContacts,
    PhoneNumberNormalizer normalizer,
    IEnumerable<string> userEmails) : ISpeedDialSource
{
    private readonly HashSet<string> _users = new(userEmails, StringComparer.OrdinalIgnoreCase);

    public Task<IReadOnlyList<ApiSpeedDial>?> GetSpeedDialsAsync(string userEmail, CancellationToken cancellationToken)
    {
        if (!_users.Contains(userEmail))
        {
            return Task.FromResult<IReadOnlyList<ApiSpeedDial>?>(null);
        }

        // A user whose contacts could not be loaded yet has an empty view, not an unknown one.
        var contacts = currentContacts().TryGetValue(userEmail, out var found) ? found : [];
        IReadOnlyList<ApiSpeedDial> view =
        [
            .. SpeedDials.Build(contacts, normalizer).Select(entry => new ApiSpeedDial(
                entry.DisplayName,
                entry.IsEligible,
                [.. entry.Numbers.Select(number => new ApiNumber(ToApi(number.Kind), number.Stored, number.E164))])),
        ];
        return Task.FromResult<IReadOnlyList<ApiSpeedDial>?>(view);
    }

    public Task<bool> IsKnownUserAsync(string userEmail, CancellationToken cancellationToken) =>
        Task.FromResult(_users.Contains(userEmail));

    private static SpeedDialNumberType ToApi(SpeedDialNumberKind kind) => kind switch
    {
        SpeedDialNumberKind.Business => SpeedDialNumberType.Business,
        SpeedDialNumberKind.Home => SpeedDialNumberType.Home,
        _ => SpeedDialNumberType.Mobile,
    };
}
