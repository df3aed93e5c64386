using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PbxLab.Core.History;

namespace PbxLab.Core.Storage;

/// <summary>
/// Call history in an embedded SQLite file, the default store. The file and its folder are created
/// by <see cref="MigrateAsync"/>. The database runs in WAL mode, in which readers and the writer do
/// not block each other (SQLite documentation, "Write-Ahead Logging").
/// Times are stored as Unix milliseconds (UTC), enums as their names.
/// </summary>
public sealed partial class SqliteCallHistoryStore : ICallHistoryStore
{
    private const string StoreName = "SQLite";

    private readonly string _connectionString;
    private readonly ILogger _logger;

    public SqliteCallHistoryStore(string databasePath, ILogger<SqliteCallHistoryStore> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(logger);

        DatabasePath = Path.GetFullPath(databasePath);
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        CreateFolder();

        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);", cancellationToken, transaction);

        var current = await ReadSchemaVersionAsync(connection, transaction, cancellationToken);
        if (current > Migrations.Count)
        {
            throw new CallHistoryStoreException($"The call history database {DatabasePath} has schema version {current}, but this PbxLab knows versions up to {Migrations.Count}. Run the newer PbxLab that wrote it, or point history.sqlitePath at another file.");
        }

        for (var version = current + 1; version <= Migrations.Count; version++)
        {
            await ExecuteAsync(connection, Migrations[version - 1], cancellationToken, transaction);
        }

        if (current < Migrations.Count)
        {
            await ExecuteAsync(connection, "DELETE FROM schema_version;", cancellationToken, transaction);
            await using var insert = Command(connection, "INSERT INTO schema_version (version) VALUES ($version);", transaction);
            insert.Parameters.AddWithValue("$version", Migrations.Count);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        if (current < Migrations.Count)
        {
            StorageLog.SchemaMigrated(_logger, StoreName, DatabasePath, current, Migrations.Count);
        }
        else
        {
            StorageLog.SchemaReady(_logger, StoreName, DatabasePath, current);
        }
    }

    public async Task<bool> UpsertAsync(CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        await using var connection = await OpenAsync(cancellationToken);

        // BeginTransaction takes the write lock at once (BEGIN IMMEDIATE), so the existence check and
        // the write see the same row even with another writer on the file.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var exists = Command(connection, "SELECT 1 FROM call_records WHERE record_id = $recordId;", transaction);
        exists.Parameters.AddWithValue("$recordId", record.RecordId);
        var isNew = await exists.ExecuteScalarAsync(cancellationToken) is null;

        await using var upsert = Command(connection, UpsertSql, transaction);
        AddRecordParameters(upsert, record);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        StorageLog.RecordStored(_logger, record.RecordId, record.UserEmail, isNew ? "new" : "replaced");
        return isNew;
    }

    public async Task<CallHistoryPage> QueryAsync(CallHistoryQuery query, CancellationToken cancellationToken)
    {
        var after = CallHistoryQueryRules.Validate(query);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, QuerySql);
        command.Parameters.AddWithValue("$userKey", CallHistoryQueryRules.NormalizeEmail(query.UserEmail));
        command.Parameters.AddWithValue("$from", query.From is { } from ? from.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$to", query.To is { } to ? to.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$afterStartedAt", after is { } key ? key.StartedAtUnixMilliseconds : DBNull.Value);
        command.Parameters.AddWithValue("$afterRecordId", after is { } key2 ? key2.RecordId : DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);

        var rows = new List<CallRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRecord(reader));
        }

        return CallRecordValues.ToPage(rows, query.PageSize);
    }

    public async Task SaveOpenCallAsync(string key, string userEmail, string state, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(userEmail);
        ArgumentNullException.ThrowIfNull(state);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, """
            INSERT INTO open_calls (call_key, user_email, state) VALUES ($key, $userEmail, $state)
            ON CONFLICT (call_key) DO UPDATE SET user_email = excluded.user_email, state = excluded.state;
            """);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$userEmail", userEmail);
        command.Parameters.AddWithValue("$state", state);
        await command.ExecuteNonQueryAsync(cancellationToken);
        StorageLog.OpenCallSaved(_logger, key, userEmail);
    }

    public async Task DeleteOpenCallAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "DELETE FROM open_calls WHERE call_key = $key;");
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
        StorageLog.OpenCallDeleted(_logger, key);
    }

    public async Task<IReadOnlyList<OpenCallState>> LoadOpenCallsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT call_key, user_email, state FROM open_calls ORDER BY call_key;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<OpenCallState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new OpenCallState(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return states;
    }

    /// <summary>Closes the pooled connections so the file is released.</summary>
    public ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }

    private void CreateFolder()
    {
        var folder = Path.GetDirectoryName(DatabasePath);
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        try
        {
            System.IO.Directory.CreateDirectory(folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            StorageLog.OpenFailed(_logger, StoreName, DatabasePath, exception.Message);
            throw new CallHistoryStoreException($"Could not create the folder {folder} for the call history database ({exception.Message}). Check its permissions, or set history.sqlitePath to a writable path.", exception);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException exception)
        {
            await connection.DisposeAsync();
            StorageLog.OpenFailed(_logger, StoreName, DatabasePath, exception.Message);
            throw new CallHistoryStoreException($"Could not open the call history database {DatabasePath} ({exception.Message}). Check that the file and its folder are writable, or set history.sqlitePath to a writable path.", exception);
        }
    }

    private static async Task<int> ReadSchemaVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT MAX(version) FROM schema_version;", transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is long version ? (int)version : 0;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = Command(connection, sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
