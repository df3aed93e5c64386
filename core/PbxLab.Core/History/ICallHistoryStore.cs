namespace PbxLab.Core.History;

/// <summary>
/// Durable call history. Implementations: SQLite (embedded, the default) and PostgreSQL, which pass
/// the same tests. Every write is idempotent.
/// </summary>
public interface ICallHistoryStore : IAsyncDisposable
{
    /// <summary>Creates the schema or migrates it to the current version; safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Stores the record; a record with the same <see cref="CallRecord.RecordId"/> is replaced, never duplicated. Returns true when the id was new.</summary>
    Task<bool> UpsertAsync(CallRecord record, CancellationToken cancellationToken);

    /// <summary>Returns the user's records, newest first, started within [from, to), one page at a time.</summary>
    Task<CallHistoryPage> QueryAsync(CallHistoryQuery query, CancellationToken cancellationToken);

    /// <summary>Keeps the state of a call still in progress (opaque JSON) so a restarted core can finish its record.</summary>
    Task SaveOpenCallAsync(string key, string userEmail, string state, CancellationToken cancellationToken);

    Task DeleteOpenCallAsync(string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<OpenCallState>> LoadOpenCallsAsync(CancellationToken cancellationToken);
}

/// <param name="PageToken">Continuation token from the previous page, or null for the first page.</param>
public sealed record CallHistoryQuery(string UserEmail, DateTimeOffset? From, DateTimeOffset? To, int PageSize, string? PageToken);

/// <param name="NextPageToken">Token for the next page, or null on the last page.</param>
public sealed record CallHistoryPage(IReadOnlyList<CallRecord> Records, string? NextPageToken);

public sealed record OpenCallState(string Key, string UserEmail, string State);
