namespace PbxLab.Csta;

/// <summary>
/// Invoke ids for requests: 1 to 9998, then 1 again. 0000 is left out because some clients send
/// their first SystemRegister with it, and 9999 is reserved for events. Thread-safe.
/// </summary>
public sealed class InvokeIdSequence
{
    public const int First = 1;

    public const int Last = 9998;

    private int _counter;

    public InvokeIdSequence(int next = First)
    {
        if (next is < First or > Last)
        {
            throw new ArgumentOutOfRangeException(nameof(next), next, $"The first invoke id must be {First} to {Last}.");
        }

        _counter = next - First - 1;
    }

    public int Next()
    {
        var value = Interlocked.Increment(ref _counter);
        return First + (int)((uint)value % (Last - First + 1));
    }
}
