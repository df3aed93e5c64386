namespace PbxLab.Simulators.Pbx.Server;

/// <summary>The most recent CSTA messages in and out, oldest first; older entries drop off at capacity. Thread-safe.</summary>
internal sealed class CstaTrace(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<CstaTraceEntry> _entries = new();

    public void Add(CstaTraceEntry entry)
    {
        lock (_lock)
        {
            if (_entries.Count == capacity)
            {
                _entries.Dequeue();
            }

            _entries.Enqueue(entry);
        }
    }

    public IReadOnlyList<CstaTraceEntry> Snapshot()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }
}
