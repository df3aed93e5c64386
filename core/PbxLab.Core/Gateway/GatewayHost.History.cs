using Microsoft.Extensions.Logging;
using PbxLab.Core.Api;
using PbxLab.Core.Directory;
using PbxLab.Core.Graph;
using PbxLab.Core.History;
using PbxLab.Core.Numbers;
using PbxLab.Core.Storage;

namespace PbxLab.Core.Gateway;

// The call-history half of the gateway: the store, the recorder fed by the PBX links, the
// directory that names remote parties, and the REST API that serves history and speed dials.
public sealed partial class GatewayHost
{
    /// <summary>How often the directory (Entra users and the monitored users' Outlook contacts) is reloaded.</summary>
    private static readonly TimeSpan DirectoryRefreshInterval = TimeSpan.FromMinutes(15);

    private ICallHistoryStore? _historyStore;
    private CallHistoryRecorder? _historyRecorder;
    private GraphDirectoryLoader? _directory;
    private CoreApiServer? _api;

    /// <summary>Raised after a call record is stored, on the recorder's writer thread.</summary>
    public event Action<CallRecord>? CallRecordStored;

    /// <summary>Whether the first load of the directory (Entra users and Outlook contacts) has ended, successfully or not.</summary>
    public bool DirectoryLoadFinished => _directory is { FinishedLoads: > 0 };

    /// <summary>Base address of the core's REST API (call history, speed dials).</summary>
    public Uri ApiBaseAddress => _api?.BaseAddress ?? throw new InvalidOperationException("The gateway's REST API is not running.");

    private async Task StartHistoryAsync(GraphClient graphClient, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        _historyStore = await CallHistoryStoreFactory.CreateAsync(_options.History, loggerFactory, cancellationToken);

        var normalizers = _options.PbxLinks.ToDictionary(
            link => link.Name,
            link => new PhoneNumberNormalizer(link.DialPlan ?? DialPlan.DefaultFor(link.Profile) ?? DialPlan.MiVoiceOffice400),
            StringComparer.OrdinalIgnoreCase);
        var firstNormalizer = normalizers.Values.FirstOrDefault() ?? new PhoneNumberNormalizer(DialPlan.MiVoiceOffice400);

        // NOTE: stored numbers are read with the first link's region; a gateway whose PBXs sit in
        // different countries would need the directory indexed per region.
        _directory = new GraphDirectoryLoader(graphClient, _options.GraphBaseUrl, firstNormalizer, _timeProvider, loggerFactory.CreateLogger("PbxLab.Core.Directory"));
        _directory.Start([.. _users.Select(user => user.Email)], DirectoryRefreshInterval);

        // Device owners by email; the resolver shows each by their Entra displayName once the directory has loaded.
        var owners = _users
            .GroupBy(user => user.Link.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(
                group => group.Key,
                group => (IReadOnlyDictionary<string, string>)group.ToDictionary(user => user.Device, user => user.Email, StringComparer.Ordinal),
                StringComparer.OrdinalIgnoreCase);
        var directory = _directory;
        var resolver = new RemotePartyResolver(() => directory.Current, normalizers, owners);

        var devices = _users.Select(user => new MonitoredDevice(user.Link.Name, user.Device, user.Email)).ToList();
        _historyRecorder = await CallHistoryRecorder.StartAsync(
            new CallHistoryRecorderOptions(devices), _historyStore, resolver, _timeProvider, loggerFactory, cancellationToken);
        _historyRecorder.RecordStored += record => CallRecordStored?.Invoke(record);

        var speedDials = new DirectorySpeedDialSource(() => directory.CurrentContacts, firstNormalizer, _users.Select(user => user.Email));
        _api = await CoreApiServer.StartAsync(_options.Api, _historyStore, speedDials, _timeProvider, loggerFactory, cancellationToken);
    }

    private async Task StopHistoryAsync()
    {
        if (_historyRecorder is not null)
        {
            await _historyRecorder.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_directory is not null)
        {
            await _directory.DisposeAsync();
        }

        if (_historyStore is not null)
        {
            await _historyStore.DisposeAsync();
        }
    }
}
