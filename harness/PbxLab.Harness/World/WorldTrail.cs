using PbxLab.Core.Diagnostics;
using PbxLab.Core.Gateway;
using PbxLab.Harness.Running;

namespace PbxLab.Harness.World;

/// <summary>
/// Merges what the parts of a world record (CSTA messages at the PBX, the core's own trace and
/// diagnostics, requests at the fake Graph, the steps performed) into one trail in scenario time.
/// </summary>
internal sealed class WorldTrail
{
    private readonly WorldComponents _components;
    private readonly DateTimeOffset _start;
    private readonly Lock _lock = new();
    private readonly List<(DateTimeOffset Time, string Source, string Text)> _ownEntries = [];
    private long _ownActivity;

    public WorldTrail(WorldComponents components, DateTimeOffset start)
    {
        _components = components;
        _start = start;
        components.Gateway!.Trace += OnGatewayTrace;
        components.Gateway!.Diagnostics.Reported += OnDiagnostic;
    }

    public void AddStep(DateTimeOffset time, string description) => Add(time, "step", description);

    /// <summary>A number that changes whenever any part of the world records something new.</summary>
    public long ActivityCount()
    {
        long own;
        lock (_lock)
        {
            own = _ownActivity;
        }

        return own + _components.Pbx!.Trace.Count + _components.Graph!.Requests.Count;
    }

    /// <summary>Every entry so far, ordered by scenario time; entries at the same time keep their source's order.</summary>
    public IReadOnlyList<TrailEntry> Snapshot()
    {
        var entries = new List<(DateTimeOffset Time, int Rank, int Order, string Source, string Text)>();

        lock (_lock)
        {
            entries.AddRange(_ownEntries.Select((entry, index) => (entry.Time, SourceRank(entry.Source), index, entry.Source, entry.Text)));
        }

        var cstaOrder = 0;
        foreach (var message in _components.Pbx!.Trace)
        {
            var text = $"{(message.Direction == Simulators.Pbx.CstaTraceDirection.Sent ? "PBX ->" : "PBX <-")} {message.MessageName}"
                + (message.DeviceId is null ? "" : $" device {message.DeviceId}")
                + (message.MonitorCrossRefId is null ? "" : $" monitorCrossRefID {message.MonitorCrossRefId}")
                + $" invoke {message.InvokeId:D4}";
            entries.Add((message.Time, SourceRank("csta"), cstaOrder++, "csta", text));
        }

        var graphOrder = 0;
        foreach (var request in _components.Graph!.Requests)
        {
            var text = $"{request.Method} {request.Path}{request.Query} -> {request.Status}"
                + (request.ErrorCode is null ? "" : $" {request.ErrorCode}");
            entries.Add((request.ReceivedAt, SourceRank("graph"), graphOrder++, "graph", text));
        }

        return
        [
            .. entries
                .OrderBy(entry => entry.Time)
                .ThenBy(entry => entry.Rank)
                .ThenBy(entry => entry.Order)
                .Select(entry => new TrailEntry(entry.Time - _start, entry.Source, entry.Text)),
        ];
    }

    private void OnGatewayTrace(GatewayTraceEntry entry)
    {
        var subject = entry.Email ?? entry.Link ?? "gateway";
        Add(entry.Time, "core", $"{entry.Kind} {subject}: {entry.Detail}");
    }

    private void OnDiagnostic(DiagnosticEntry entry) =>
        Add(entry.LastSeen, "core", $"diagnostic {entry.Kind} {entry.Email ?? entry.Link ?? ""}: {entry.Reason}");

    private void Add(DateTimeOffset time, string source, string text)
    {
        lock (_lock)
        {
            _ownEntries.Add((time, source, text));
            _ownActivity++;
        }
    }

    /// <summary>Causal order inside one instant: the step, then the PBX's messages, the core's reaction, the Graph request.</summary>
    private static int SourceRank(string source) => source switch
    {
        "step" => 0,
        "csta" => 1,
        "core" => 2,
        _ => 3,
    };
}
