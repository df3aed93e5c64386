namespace PbxLab.Core.History;

/// <summary>Settings of the <see cref="CallHistoryRecorder"/>.</summary>
/// <param name="Devices">The monitored devices and their users.</param>
public sealed record CallHistoryRecorderOptions(IReadOnlyList<MonitoredDevice> Devices)
{
    /// <summary>Per link, directory numbers of PBX devices that are not monitored, so calls with them count as internal.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> PbxDevices { get; init; } =
        new Dictionary<string, IReadOnlyCollection<string>>();

    /// <summary>Completed record ids remembered per link to drop replays.</summary>
    public int RememberedRecordsPerLink { get; init; } = CallHistoryEngine.DefaultRememberedRecordsPerLink;

    /// <summary>Wait before the first retry of a failed store write; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(1);
}
