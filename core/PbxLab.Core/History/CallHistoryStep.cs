namespace PbxLab.Core.History;

/// <summary>What one event or snapshot changed in the call history, in the order to store it.</summary>
/// <param name="Completed">Records of calls whose part for a user ended; the remote party is not resolved yet.</param>
/// <param name="Saved">Open calls that are new or changed, to keep for a restart.</param>
/// <param name="Removed">Keys of open calls that ended or were merged into another, to delete.</param>
public sealed record CallHistoryStep(IReadOnlyList<CallRecord> Completed, IReadOnlyList<OpenCallState> Saved, IReadOnlyList<string> Removed)
{
    public static CallHistoryStep Empty { get; } = new([], [], []);

    public bool IsEmpty => Completed.Count == 0 && Saved.Count == 0 && Removed.Count == 0;
}
