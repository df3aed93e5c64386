using System.Collections.Concurrent;
using PbxLab.Core.History;

namespace PbxLab.Core.Tests.History;

/// <summary>Call-history store in memory for recorder tests; <see cref="FailNextWrites"/> makes writes throw.</summary>
internal sealed class InMemoryCallHistoryStore : ICallHistoryStore
{
    private int _failuresLeft;

    public ConcurrentDictionary<string, CallRecord> Records { get; } = new();

    public ConcurrentDictionary<string, OpenCallState> OpenCalls { get; } = new();

    public ConcurrentQueue<string> Writes { get; } = new();

    public int MigrateCount { get; private set; }

    /// <summary>Makes the next <paramref name="count"/> upserts fail with an IOException.</summary>
    public void FailNextWrites(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        MigrateCount++;
        return Task.CompletedTask;
    }

    public Task<bool> UpsertAsync(CallRecord record, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Writes.Enqueue($"upsert {record.LocalDevice} failed");
            throw new IOException("database is locked");
        }

        var isNew = !Records.ContainsKey(record.RecordId);
        Records[record.RecordId] = record;
        Writes.Enqueue($"upsert {record.LocalDevice} {record.Outcome}");
        return Task.FromResult(isNew);
    }

    public Task<CallHistoryPage> QueryAsync(CallHistoryQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new CallHistoryPage(
            Records.Values.Where(record => record.UserEmail == query.UserEmail).OrderByDescending(record => record.StartedAt).ToList(),
            null));

    public Task SaveOpenCallAsync(string key, string userEmail, string state, CancellationToken cancellationToken)
    {
        OpenCalls[key] = new OpenCallState(key, userEmail, state);
        Writes.Enqueue($"save {userEmail}");
        return Task.CompletedTask;
    }

    public Task DeleteOpenCallAsync(string key, CancellationToken cancellationToken)
    {
        OpenCalls.TryRemove(key, out _);
        Writes.Enqueue("delete");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OpenCallState>> LoadOpenCallsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OpenCallState>>(OpenCalls.Values.ToList());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Resolver that names the numbers it is given and records every request.</summary>
internal sealed class TableRemotePartyResolver(IReadOnlyDictionary<string, RemoteParty> parties) : IRemotePartyResolver
{
    public ConcurrentQueue<(string UserEmail, string Link, string Number, bool IsInternal)> Requests { get; } = new();

    public RemoteParty Resolve(string userEmail, string link, string presentedNumber, bool isInternal)
    {
        Requests.Enqueue((userEmail, link, presentedNumber, isInternal));
        return parties.TryGetValue(presentedNumber, out var party) ? party : RemoteParty.Unknown;
    }
}
