using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;
using PbxLab.Core.History;

namespace PbxLab.Core.Storage;

/// <summary>
/// Call history in PostgreSQL, in its own schema (pbxlab by default). Times are stored as timestamptz
/// truncated to milliseconds, enums as their names. Migrations take an advisory lock so that two
/// cores starting together do not migrate at once.
/// </summary>
public sealed partial class PostgresCallHistoryStore : ICallHistoryStore
{
    public const string DefaultSchema = "pbxlab";

    private const string StoreName = "PostgreSQL";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly string _schema;
    private readonly Statements _sql;

    /// <param name="connectionString">An Npgsql connection string; its password never appears in messages or logs.</param>
    /// <param name="schema">Schema that contains the tables: lower-case letters, digits and underscores.</param>
    public PostgresCallHistoryStore(string connectionString, ILogger<PostgresCallHistoryStore> logger, string schema = DefaultSchema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);
        if (!SchemaNamePattern().IsMatch(schema))
        {
            throw new ArgumentException($"The schema name '{schema}' is invalid; use lower-case letters, digits and underscores, starting with a letter.", nameof(schema));
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new CallHistoryStoreException($"The PostgreSQL connection string is invalid ({exception.Message}); write it like Host=127.0.0.1;Port=5432;Username=pbxlab;Password=…;Database=pbxlab.", exception);
        }

        Location = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username} as {builder.Username}, schema {schema}";
        _schema = schema;
        _sql = new Statements(schema);
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Server, database, user and schema, without the password.</summary>
    public string Location { get; }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One migration at a time per schema, across processes; the lock ends with the transaction.
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock(hashtext('pbxlab.migrate.{_schema}'));", cancellationToken);
        await ExecuteAsync(connection, transaction, $"CREATE SCHEMA IF NOT EXISTS {_schema}; CREATE TABLE IF NOT EXISTS {_schema}.schema_version (version integer NOT NULL);", cancellationToken);

        await using var read = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {_schema}.schema_version;", connection, transaction);
        var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        var migrations = Statements.Migrations(_schema);
        if (current > migrations.Count)
        {
            throw new CallHistoryStoreException($"The call history schema at {Location} has version {current}, but this PbxLab knows versions up to {migrations.Count}. Run the newer PbxLab that wrote it, or use another database.");
        }

        for (var version = current + 1; version <= migrations.Count; version++)
        {
            await ExecuteAsync(connection, transaction, migrations[version - 1], cancellationToken);
        }

        if (current < migrations.Count)
        {
            await ExecuteAsync(connection, transaction, $"DELETE FROM {_schema}.schema_version; INSERT INTO {_schema}.schema_version (version) VALUES ({migrations.Count});", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        if (current < migrations.Count)
        {
            StorageLog.SchemaMigrated(_logger, StoreName, Location, current, migrations.Count);
        }
        else
        {
            StorageLog.SchemaReady(_logger, StoreName, Location, current);
        }
    }

    public async Task<bool> UpsertAsync(CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_sql.Upsert, connection);
        AddRecordParameters(command, record);
        var isNew = await command.ExecuteScalarAsync(cancellationToken) is true;

        StorageLog.RecordStored(_logger, record.RecordId, record.UserEmail, isNew ? "new" : "replaced");
        return isNew;
    }

    public async Task<CallHistoryPage> QueryAsync(CallHistoryQuery query, CancellationToken cancellationToken)
    {
        var after = CallHistoryQueryRules.Validate(query);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(_sql.Query, connection);
        command.Parameters.AddWithValue("userKey", CallHistoryQueryRules.NormalizeEmail(query.UserEmail));
        command.Parameters.Add(TimeParameter("from", query.From));
        command.Parameters.Add(TimeParameter("to", query.To));
        command.Parameters.Add(TimeParameter("afterStartedAt", after is { } key ? DateTimeOffset.FromUnixTimeMilliseconds(key.StartedAtUnixMilliseconds) : null));
        command.Parameters.Add(new NpgsqlParameter<string?>("afterRecordId", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = after?.RecordId });
        command.Parameters.AddWithValue("limit", query.PageSize + 1);

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
        await using var command = new NpgsqlCommand(_sql.SaveOpenCall, connection);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("userEmail", userEmail);
        command.Parameters.AddWithValue("state", state);
        await command.ExecuteNonQueryAsync(cancellationToken);
        StorageLog.OpenCallSaved(_logger, key, userEmail);
    }

    public async Task DeleteOpenCallAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DELETE FROM {_schema}.open_calls WHERE call_key = @key;", connection);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
        StorageLog.OpenCallDeleted(_logger, key);
    }

    public async Task<IReadOnlyList<OpenCallState>> LoadOpenCallsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT call_key, user_email, state FROM {_schema}.open_calls ORDER BY call_key;", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<OpenCallState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new OpenCallState(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return states;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            StorageLog.OpenFailed(_logger, StoreName, Location, exception.Message);
            throw new CallHistoryStoreException($"Could not connect to PostgreSQL at {Location} ({exception.Message}). Check that the server is running and the user, password and database in history.postgresConnectionString or {Configuration.HistoryStoreOptions.PostgresConnectionVariable} are right; scripts/start-postgres.sh starts a local test server.", exception);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<DateTimeOffset?> TimeParameter(string name, DateTimeOffset? value) =>
        new(name, NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = value is { } time ? CallRecordValues.ToStoredTime(time) : null };

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaNamePattern();
}
