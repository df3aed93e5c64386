using PbxLab.Csta.Messages;

namespace PbxLab.Core.History;

/// <summary>
/// Map of monitored devices to their users, and of each PBX's device numbers, used to classify a
/// call as internal or external.
/// </summary>
public sealed class CallHistoryDirectory
{
    private readonly Dictionary<(string Link, string DeviceId), string> _users = [];
    private readonly Dictionary<string, HashSet<string>> _pbxDevices = new(StringComparer.Ordinal);

    /// <param name="pbxDevices">Per link, directory numbers of PBX devices that are not monitored; monitored devices always count as PBX devices.</param>
    public CallHistoryDirectory(IEnumerable<MonitoredDevice> devices, IReadOnlyDictionary<string, IReadOnlyCollection<string>>? pbxDevices = null)
    {
        ArgumentNullException.ThrowIfNull(devices);
        foreach (var device in devices)
        {
            var number = CstaDeviceId.ExtractDirectoryNumber(device.DeviceId);
            if (!_users.TryAdd((device.Link, number), device.UserEmail))
            {
                throw new ArgumentException(
                    $"Device {device.DeviceId} on link '{device.Link}' is listed twice; give each device to one user only.",
                    nameof(devices));
            }

            PbxDevicesOf(device.Link).Add(number);
        }

        foreach (var (link, numbers) in pbxDevices ?? new Dictionary<string, IReadOnlyCollection<string>>())
        {
            var set = PbxDevicesOf(link);
            foreach (var number in numbers)
            {
                set.Add(CstaDeviceId.ExtractDirectoryNumber(number));
            }
        }
    }

    /// <summary>Returns the user of a monitored device, or null when the device is not monitored for anyone.</summary>
    public string? UserOf(string link, string deviceId) =>
        _users.TryGetValue((link, CstaDeviceId.ExtractDirectoryNumber(deviceId)), out var user) ? user : null;

    /// <summary>Returns whether the number is a device of the link's PBX.</summary>
    public bool IsPbxDevice(string link, string number) =>
        _pbxDevices.TryGetValue(link, out var numbers) && numbers.Contains(CstaDeviceId.ExtractDirectoryNumber(number));

    private HashSet<string> PbxDevicesOf(string link)
    {
        if (!_pbxDevices.TryGetValue(link, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            _pbxDevices[link] = set;
        }

        return set;
    }
}
