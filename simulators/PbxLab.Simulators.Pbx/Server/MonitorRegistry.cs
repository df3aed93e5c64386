using System.Globalization;

namespace PbxLab.Simulators.Pbx.Server;

/// <summary>Outcome of <see cref="MonitorRegistry.TryStart"/>.</summary>
internal enum MonitorStartResult
{
    Started,
    LicencesExhausted,
}

/// <summary>
/// Active monitors and the CSTA-session licences they hold, shared by all connections. On MiVoice
/// Office 400 each monitor of a device by an application takes one licence (estos ECSTA support
/// article on overallMonitorLimitExceeded). Thread-safe.
/// </summary>
internal sealed class MonitorRegistry(int licences)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, MonitorEntry> _byCrossRefId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MonitorEntry>> _byDevice = new(StringComparer.Ordinal);
    private long _lastCrossRefId;

    public int Licences { get; } = licences;

    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _byCrossRefId.Count;
            }
        }
    }

    public MonitorStartResult TryStart(string deviceId, CstaSession session, out MonitorEntry? entry)
    {
        lock (_lock)
        {
            if (_byCrossRefId.Count >= Licences)
            {
                entry = null;
                return MonitorStartResult.LicencesExhausted;
            }

            _lastCrossRefId++;
            var crossRefId = _lastCrossRefId.ToString(CultureInfo.InvariantCulture);
            entry = new MonitorEntry(deviceId, crossRefId, session);
            _byCrossRefId.Add(crossRefId, entry);
            if (!_byDevice.TryGetValue(deviceId, out var monitors))
            {
                monitors = [];
                _byDevice.Add(deviceId, monitors);
            }

            monitors.Add(entry);
            return MonitorStartResult.Started;
        }
    }

    /// <summary>Stops a monitor that belongs to the session; false when it is unknown or another session's.</summary>
    public bool TryStop(string crossRefId, CstaSession session, out MonitorEntry? entry)
    {
        lock (_lock)
        {
            if (_byCrossRefId.TryGetValue(crossRefId, out entry) && ReferenceEquals(entry.Session, session))
            {
                Remove(entry);
                return true;
            }

            entry = null;
            return false;
        }
    }

    /// <summary>Stops every monitor of a session, freeing their licences; returns how many.</summary>
    public int StopAll(CstaSession session)
    {
        lock (_lock)
        {
            var stopped = _byCrossRefId.Values.Where(e => ReferenceEquals(e.Session, session)).ToList();
            foreach (var entry in stopped)
            {
                Remove(entry);
            }

            return stopped.Count;
        }
    }

    public IReadOnlyList<MonitorEntry> ForDevice(string deviceId)
    {
        lock (_lock)
        {
            return _byDevice.TryGetValue(deviceId, out var monitors) ? [.. monitors] : [];
        }
    }

    public IReadOnlyList<MonitorEntry> All()
    {
        lock (_lock)
        {
            return [.. _byCrossRefId.Values.OrderBy(e => long.Parse(e.MonitorCrossRefId, CultureInfo.InvariantCulture))];
        }
    }

    private void Remove(MonitorEntry entry)
    {
        _byCrossRefId.Remove(entry.MonitorCrossRefId);
        var monitors = _byDevice[entry.DeviceId];
        monitors.Remove(entry);
        if (monitors.Count == 0)
        {
            _byDevice.Remove(entry.DeviceId);
        }
    }
}

internal sealed record MonitorEntry(string DeviceId, string MonitorCrossRefId, CstaSession Session);
