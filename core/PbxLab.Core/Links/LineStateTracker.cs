using PbxLab.Core.Presence;
using PbxLab.Csta.Messages;

namespace PbxLab.Core.Links;

/// <summary>
/// Derives the line state of each monitored device from CSTA events and snapshots, and reports
/// only changes. Pure: no I/O, no clock, not thread-safe (the link serialises calls).
/// </summary>
/// <remarks>
/// Rules: a connection that is initiated, connected, held, queued or failed makes the line Busy.
/// A device whose only connections are alerting keeps the state it had before the call was
/// offered, and no connection makes it Available. DND on wins over calls (DoNotDisturb), and an
/// out-of-service device or a link that is down is Offline, which wins over everything.
/// </remarks>
public sealed class LineStateTracker
{
    private readonly Dictionary<string, DeviceLine> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DeviceLine> _byMonitorCrossRefId = new(StringComparer.Ordinal);

    public LineStateTracker(IEnumerable<string> deviceIds)
    {
        foreach (var deviceId in deviceIds)
        {
            _devices.TryAdd(deviceId, new DeviceLine(deviceId));
        }
    }

    /// <summary>Last line state reported for a device, or null before the first report.</summary>
    public LineState? ReportedLineState(string deviceId) => _devices.TryGetValue(deviceId, out var line) ? line.Reported : null;

    /// <summary>Records the monitorCrossRefID of a device's new monitor; events carry it.</summary>
    public void AddMonitor(string monitorCrossRefId, string deviceId)
    {
        if (_devices.TryGetValue(deviceId, out var line))
        {
            _byMonitorCrossRefId[monitorCrossRefId] = line;
        }
    }

    /// <summary>Finds the device of a monitor; null for a monitorCrossRefID this link did not start.</summary>
    public string? DeviceOf(string monitorCrossRefId) =>
        _byMonitorCrossRefId.TryGetValue(monitorCrossRefId, out var line) ? line.DeviceId : null;

    /// <summary>Applies one event; returns the resulting changes (none when the event changes nothing or its monitor is unknown).</summary>
    public IReadOnlyList<DeviceStateChange> Apply(CstaEvent cstaEvent)
    {
        ArgumentNullException.ThrowIfNull(cstaEvent);
        if (!_byMonitorCrossRefId.TryGetValue(cstaEvent.MonitorCrossRefId, out var line))
        {
            return [];
        }

        switch (cstaEvent)
        {
            case CallEvent callEvent:
                ApplyCallEvent(line, callEvent);
                break;
            case CallClearedEvent cleared:
                if (cleared.ClearedCall.CallId is { } clearedCallId)
                {
                    line.Connections.Remove(clearedCallId);
                }

                break;
            case DivertedEvent diverted:
                ApplyDiverted(line, diverted);
                break;
            case TransferedEvent transfered:
                ApplyJoin(line, transfered.PrimaryOldCall, transfered.SecondaryOldCall, transfered.TransferredConnections, transfered.LocalConnectionInfo, IsOwnDevice(line.DeviceId, transfered.TransferringDevice));
                break;
            case ConferencedEvent conferenced:
                ApplyJoin(line, conferenced.PrimaryOldCall, conferenced.SecondaryOldCall, conferenced.ConferenceConnections, conferenced.LocalConnectionInfo, leavesWhenUnstated: false);
                break;
            case DoNotDisturbEvent dnd:
                line.DoNotDisturb = dnd.DoNotDisturbOn;
                break;
            case OutOfServiceEvent:
                line.OutOfService = true;
                break;
            case BackInServiceEvent:
                line.OutOfService = false;
                break;
            case UserPresenceEvent presence:
                return ReportPresence(line, ToPbxUserPresence(presence.Presence));
        }

        // Until the resync after a (re)connect, the device stays Offline; the snapshot then
        // supersedes the state these events carried.
        return line.LinkDown ? [] : Report(line);
    }

    /// <summary>
    /// Replaces what is known about a device with a fresh SnapshotDevice result and DND state
    /// (either may be null when its request failed), and marks the device reachable again.
    /// </summary>
    public IReadOnlyList<DeviceStateChange> ApplyResync(string deviceId, SnapshotDeviceResponse? snapshot, bool? doNotDisturb)
    {
        if (!_devices.TryGetValue(deviceId, out var line))
        {
            return [];
        }

        line.LinkDown = false;
        line.OutOfService = false;

        var changes = new List<DeviceStateChange>();
        if (snapshot is not null)
        {
            line.Connections.Clear();
            var index = 0;
            foreach (var item in snapshot.SnapshotData)
            {
                // A call whose state is unknown still occupies the line, so it counts as connected.
                var state = item.LocalCallState.LocalConnectionState ?? LocalConnectionState.Connected;
                var callId = item.ConnectionIdentifier.CallId ?? $"#snapshot-{index}";
                if (state != LocalConnectionState.Null)
                {
                    line.Connections[callId] = state;
                }

                index++;
            }

            if (snapshot.UserPresence is { } userPresence)
            {
                changes.AddRange(ReportPresence(line, ToPbxUserPresence(userPresence.Presence)));
            }
        }

        if (doNotDisturb is { } on)
        {
            line.DoNotDisturb = on;
        }

        changes.AddRange(Report(line));
        return changes;
    }

    /// <summary>Marks the link down: every device becomes Offline, and its calls and monitors are cleared until the next resync.</summary>
    public IReadOnlyList<DeviceStateChange> SetLinkDown()
    {
        _byMonitorCrossRefId.Clear();

        var changes = new List<DeviceStateChange>();
        foreach (var line in _devices.Values)
        {
            line.LinkDown = true;
            line.Connections.Clear();
            changes.AddRange(Report(line));
        }

        return changes;
    }

    private static void ApplyCallEvent(DeviceLine line, CallEvent callEvent)
    {
        var connection = callEvent.SubjectConnection;
        var callId = connection.CallId;
        if (callId is null)
        {
            return;
        }

        // localConnectionInfo is the monitored device's own state in the call (ECMA-269), even when
        // the event's connection is another party's. Without it, the event type gives the state
        // only when the connection is the monitored device's own.
        var state = callEvent.LocalConnectionInfo;
        if (state is null && IsOwnConnection(line.DeviceId, connection))
        {
            state = ImpliedState(callEvent);
        }

        if (state is null)
        {
            return;
        }

        if (state == LocalConnectionState.Null)
        {
            line.Connections.Remove(callId);
        }
        else
        {
            line.Connections[callId] = state.Value;
        }
    }

    private static void ApplyDiverted(DeviceLine line, DivertedEvent diverted)
    {
        if (diverted.Connection.CallId is not { } callId)
        {
            return;
        }

        // Without localConnectionInfo, a diversion of the device's own connection means the call left it.
        var state = diverted.LocalConnectionInfo
            ?? (IsOwnConnection(line.DeviceId, diverted.Connection) ? LocalConnectionState.Null : null);
        if (state == LocalConnectionState.Null)
        {
            line.Connections.Remove(callId);
        }
        else if (state is { } connected)
        {
            line.Connections[callId] = connected;
        }
    }

    /// <summary>
    /// Applies a transfer or conference: the device either leaves both old calls (localConnectionInfo
    /// null, or unstated for the transferring device) or its connection moves to the resulting call.
    /// </summary>
    private static void ApplyJoin(
        DeviceLine line,
        ConnectionId primaryOldCall,
        ConnectionId? secondaryOldCall,
        IReadOnlyList<ConnectionListItem> connections,
        LocalConnectionState? localConnectionInfo,
        bool leavesWhenUnstated)
    {
        var leaves = localConnectionInfo == LocalConnectionState.Null || (localConnectionInfo is null && leavesWhenUnstated);
        if (leaves)
        {
            RemoveCall(line, primaryOldCall);
            RemoveCall(line, secondaryOldCall);
            return;
        }

        foreach (var item in connections)
        {
            if (item.OldConnection?.CallId is { } oldCallId
                && item.NewConnection?.CallId is { } newCallId
                && line.Connections.Remove(oldCallId, out var state))
            {
                line.Connections[newCallId] = localConnectionInfo ?? state;
            }
        }
    }

    private static void RemoveCall(DeviceLine line, ConnectionId? call)
    {
        if (call?.CallId is { } callId)
        {
            line.Connections.Remove(callId);
        }
    }

    private static bool IsOwnDevice(string deviceId, ExtendedDeviceId? device) =>
        device?.DeviceIdentifier is { } identifier
        && CstaDeviceId.ExtractDirectoryNumber(identifier) == CstaDeviceId.ExtractDirectoryNumber(deviceId);

    private static bool IsOwnConnection(string deviceId, ConnectionId connection) =>
        connection.DeviceId is { } connectionDevice
        && CstaDeviceId.ExtractDirectoryNumber(connectionDevice) == CstaDeviceId.ExtractDirectoryNumber(deviceId);

    private static LocalConnectionState? ImpliedState(CallEvent callEvent) => callEvent switch
    {
        ServiceInitiatedEvent => LocalConnectionState.Initiated,
        OriginatedEvent or EstablishedEvent or RetrievedEvent => LocalConnectionState.Connected,
        DeliveredEvent => LocalConnectionState.Alerting,
        HeldEvent => LocalConnectionState.Hold,
        FailedEvent => LocalConnectionState.Fail,
        ConnectionClearedEvent => LocalConnectionState.Null,
        _ => null,
    };

    private static LineState Compute(DeviceLine line)
    {
        if (line.LinkDown || line.OutOfService)
        {
            return LineState.Offline;
        }

        if (line.DoNotDisturb)
        {
            return LineState.DoNotDisturb;
        }

        if (line.Connections.Values.Any(state => state != LocalConnectionState.Alerting))
        {
            return LineState.Busy;
        }

        // Ringing alone changes nothing: the device keeps Available or Busy as it was before the
        // call was offered. After DND or out of service ends, the base is Available.
        if (line.Connections.Count > 0 && line.Reported is LineState.Busy)
        {
            return LineState.Busy;
        }

        return LineState.Available;
    }

    private static IReadOnlyList<DeviceStateChange> Report(DeviceLine line)
    {
        var state = Compute(line);
        if (line.Reported == state)
        {
            return [];
        }

        line.Reported = state;
        return [DeviceStateChange.Line(line.DeviceId, state)];
    }

    private static IReadOnlyList<DeviceStateChange> ReportPresence(DeviceLine line, PbxUserPresence presence)
    {
        if (line.ReportedPresence == presence)
        {
            return [];
        }

        line.ReportedPresence = presence;
        return [DeviceStateChange.Presence(line.DeviceId, presence)];
    }

    // Both enums use the Aastra 400 presence-profile numbers 0 to 4.
    private static PbxUserPresence ToPbxUserPresence(Mivo400UserPresence presence) => (PbxUserPresence)(int)presence;

    private sealed class DeviceLine(string deviceId)
    {
        public string DeviceId { get; } = deviceId;

        public Dictionary<string, LocalConnectionState> Connections { get; } = new(StringComparer.Ordinal);

        public bool DoNotDisturb { get; set; }

        public bool OutOfService { get; set; }

        public bool LinkDown { get; set; } = true;

        public LineState? Reported { get; set; }

        public PbxUserPresence? ReportedPresence { get; set; }
    }
}
