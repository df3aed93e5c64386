namespace PbxLab.Core.History;

/// <summary>A set that keeps only the most recently added keys, up to a capacity.</summary>
internal sealed class RecentKeys(int capacity)
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool Contains(string key) => _keys.Contains(key);

    public void Add(string key)
    {
        if (!_keys.Add(key))
        {
            return;
        }

        _order.Enqueue(key);
        if (_order.Count > capacity)
        {
            _keys.Remove(_order.Dequeue());
        }
    }
}
