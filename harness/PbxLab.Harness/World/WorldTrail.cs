using System.Globalization;
using PbxLab.Core.Diagnostics;
using PbxLab.Core.Gateway;
using PbxLab.Core.History;
using PbxLab.Harness.Running;
using PbxLab.Simulators.Graph;
using PbxLab.Simulators.Pbx;

namespace PbxLab.Harness.World;

/// <summary>
/// Merges what the parts of a world record (CSTA messages at the PBX, the core's own trace and
/// diagnostics, requests at the fake Graph, the steps performed) into one trail in scenario time.
/// Entries at the same scenario time keep the order in which the world first saw them, which the
/// settle loop's frequent polling keeps close to the order they happened in.
/// </summary>
internal sealed class WorldTrail
{
    /// <summary>Link heartbeats: counted as activity, left out of the trail, where they would crowd out what matters.</summary>
    private static readonly HashSet<string> HeartbeatMessages = new(StringComparer.Ordinal)
    {
        "SystemStatus", "SystemStatusResponse", "RequestSystemStatus", "RequestSystemStatusResponse",
    };

    private readonly WorldComponents _components;
    private readonly DateTimeOffset _start;
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset Time, long Sequence, string Source, string Text)> _entries = [];
    private long _sequence;
    private long _ownActivity;
    private int _cstaSeen;
    private int _graphSeen;

    private readonly TimeProvider _clock;

    public WorldTrail(WorldComponents components, DateTimeOffset start, TimeProvider clock)
    {
        _components = components;
        _start = start;
        _clock = clock;
        Attach(components.Gateway!);
    }

    /// <summary>Follows a core's trace, diagnostics and stored call records; called again for each core a restart starts.</summary>
    public void Attach(GatewayHost gateway)
    {
        gateway.Trace += OnGatewayTrace;
        gateway.Diagnostics.Reported += OnDiagnostic;
        gateway.CallRecordStored += OnCallRecordStored;
    }

    public void Detach(GatewayHost gateway)
    {
        gateway.Trace -= OnGatewayTrace;
        gateway.Diagnostics.Reported -= OnDiagnostic;
        gateway.CallRecordStored -= OnCallRecordStored;
    }


    public void AddStep(DateTimeOffset time, string description) => Add(time, "step", description);

    /// <summary>A number that changes whenever any part of the world records something new.</summary>
    public long ActivityCount()
    {
        lock (_lock)
        {
            Refresh();
            return _ownActivity + _cstaSeen + _graphSeen;
        }
    }

    /// <summary>Every entry so far, ordered by scenario time, then by the order the world saw them.</summary>
    public IReadOnlyList<TrailEntry> Snapshot()
    {
        lock (_lock)
        {
            Refresh();
            return
            [
                .. _entries
                    .OrderBy(entry => entry.Time)
                    .ThenBy(entry => entry.Sequence)
                    .Select(entry => new TrailEntry(entry.Time - _start, entry.Source, entry.Text)),
            ];
        }
    }

    // Picks up the simulators' records that arrived since the last call. Both keep at most 10,000
    // records, far more than one case produces.
    private void Refresh()
    {
        var messages = _components.Pbx!.Trace;
        for (; _cstaSeen < messages.Count; _cstaSeen++)
        {
            var message = messages[_cstaSeen];
            if (!HeartbeatMessages.Contains(message.MessageName))
            {
                _entries.Add((message.Time, _sequence++, "csta", Describe(message)));
            }
        }

        var requests = _components.Graph!.Requests;
        for (; _graphSeen < requests.Count; _graphSeen++)
        {
            _entries.Add((requests[_graphSeen].ReceivedAt, _sequence++, "graph", Describe(requests[_graphSeen])));
        }
    }

    private static string Describe(CstaTraceEntry message) =>
        $"{(message.Direction == CstaTraceDirection.Sent ? "PBX ->" : "PBX <-")} {message.MessageName}"
        + (message.DeviceId is null ? "" : $" device {message.DeviceId}")
        + (message.MonitorCrossRefId is null ? "" : $" monitorCrossRefID {message.MonitorCrossRefId}")
        + $" invoke {message.InvokeId:D4}";

    private static string Describe(GraphRequestRecord request) =>
        $"{request.Method} {request.Path}{request.Query} -> {request.Status}"
        + (request.ErrorCode is null ? "" : $" {request.ErrorCode}");

    private void OnGatewayTrace(GatewayTraceEntry entry)
    {
        var subject = entry.Email ?? entry.Link ?? "gateway";
        Add(entry.Time, "core", $"{entry.Kind} {subject}: {entry.Detail}");
    }

    private void OnDiagnostic(DiagnosticEntry entry) =>
        Add(entry.LastSeen, "core", $"diagnostic {entry.Kind} {entry.Email ?? entry.Link ?? ""}: {entry.Reason}");

    private void OnCallRecordStored(CallRecord record)
    {
        var remote = record.RemoteNumber ?? "withheld";
        var name = record.RemoteName is null ? "" : $" ({record.RemoteName}, {record.RemoteNameSource})";
        Add(_clock.GetUtcNow(), "core",
            $"call record {record.UserEmail}: {record.Direction} {record.Outcome} {remote}{name}, talk time {record.Duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
    }

    private void Add(DateTimeOffset time, string source, string text)
    {
        lock (_lock)
        {
            // Pick up the simulators' records first, so they sort before what the core did about them.
            Refresh();
            _entries.Add((time, _sequence++, source, text));
            _ownActivity++;
        }
    }
}
