using Npgsql;
using NpgsqlTypes;
using PbxLab.Core.History;

namespace PbxLab.Core.Storage;

/// <summary>Schema, statements and row mapping of the PostgreSQL store.</summary>
public sealed partial class PostgresCallHistoryStore
{
    private static void AddRecordParameters(NpgsqlCommand command, CallRecord record)
    {
        var parameters = command.Parameters;
        parameters.AddWithValue("recordId", record.RecordId);
        parameters.AddWithValue("userEmail", record.UserEmail);
        parameters.AddWithValue("userKey", CallHistoryQueryRules.NormalizeEmail(record.UserEmail));
        parameters.AddWithValue("link", record.Link);
        parameters.AddWithValue("callId", record.CallId);
        parameters.AddWithValue("direction", record.Direction.ToString());
        parameters.AddWithValue("localDevice", record.LocalDevice);
        parameters.Add(new NpgsqlParameter<string?>("remoteNumber", NpgsqlDbType.Text) { TypedValue = record.RemoteNumber });
        parameters.Add(new NpgsqlParameter<string?>("remoteNumberE164", NpgsqlDbType.Text) { TypedValue = record.RemoteNumberE164 });
        parameters.Add(new NpgsqlParameter<string?>("remoteName", NpgsqlDbType.Text) { TypedValue = record.RemoteName });
        parameters.AddWithValue("remoteNameSource", record.RemoteNameSource.ToString());
        parameters.AddWithValue("isInternal", record.IsInternal);
        parameters.Add(TimeParameter("startedAt", record.StartedAt));
        parameters.Add(TimeParameter("answeredAt", record.AnsweredAt));
        parameters.Add(TimeParameter("endedAt", record.EndedAt));
        parameters.AddWithValue("outcome", record.Outcome.ToString());
    }

    private static CallRecord ReadRecord(NpgsqlDataReader reader)
    {
        var recordId = reader.GetString(0);
        return new CallRecord
        {
            RecordId = recordId,
            UserEmail = reader.GetString(1),
            Link = reader.GetString(2),
            CallId = reader.GetString(3),
            Direction = CallRecordValues.ParseEnum<CallDirection>(reader.GetString(4), "direction", recordId),
            LocalDevice = reader.GetString(5),
            RemoteNumber = reader.IsDBNull(6) ? null : reader.GetString(6),
            RemoteNumberE164 = reader.IsDBNull(7) ? null : reader.GetString(7),
            RemoteName = reader.IsDBNull(8) ? null : reader.GetString(8),
            RemoteNameSource = CallRecordValues.ParseEnum<RemoteNameSource>(reader.GetString(9), "remote_name_source", recordId),
            IsInternal = reader.GetBoolean(10),
            StartedAt = reader.GetFieldValue<DateTimeOffset>(11),
            AnsweredAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
            EndedAt = reader.GetFieldValue<DateTimeOffset>(13),
            Outcome = CallRecordValues.ParseEnum<CallOutcome>(reader.GetString(14), "outcome", recordId),
        };
    }

    /// <summary>SQL text for one schema name, which was checked to be a plain identifier.</summary>
    private sealed class Statements(string schema)
    {
        /// <summary>Schema migrations; the entry at index i takes the schema from version i to version i + 1.</summary>
        public static IReadOnlyList<string> Migrations(string schema) =>
        [
            // record_id uses the "C" collation, so it sorts byte by byte as in SQLite whatever the
            // database's default collation is. Keyset paging depends on that order.
            $"""
            CREATE TABLE {schema}.call_records (
                record_id text COLLATE "C" NOT NULL PRIMARY KEY,
                user_email text NOT NULL,
                user_key text NOT NULL,
                link text NOT NULL,
                call_id text NOT NULL,
                direction text NOT NULL,
                local_device text NOT NULL,
                remote_number text NULL,
                remote_number_e164 text NULL,
                remote_name text NULL,
                remote_name_source text NOT NULL,
                is_internal boolean NOT NULL,
                started_at timestamptz NOT NULL,
                answered_at timestamptz NULL,
                ended_at timestamptz NOT NULL,
                outcome text NOT NULL
            );
            CREATE INDEX call_records_by_user_and_time ON {schema}.call_records (user_key, started_at DESC, record_id DESC);
            CREATE TABLE {schema}.open_calls (
                call_key text NOT NULL PRIMARY KEY,
                user_email text NOT NULL,
                state text NOT NULL
            );
            """,
        ];

        // xmax is 0 only in a row version this statement inserted, so the result is true for a new id.
        public string Upsert { get; } = $"""
            INSERT INTO {schema}.call_records (
                record_id, user_email, user_key, link, call_id, direction, local_device, remote_number,
                remote_number_e164, remote_name, remote_name_source, is_internal, started_at, answered_at,
                ended_at, outcome)
            VALUES (
                @recordId, @userEmail, @userKey, @link, @callId, @direction, @localDevice, @remoteNumber,
                @remoteNumberE164, @remoteName, @remoteNameSource, @isInternal, @startedAt, @answeredAt,
                @endedAt, @outcome)
            ON CONFLICT (record_id) DO UPDATE SET
                user_email = excluded.user_email, user_key = excluded.user_key, link = excluded.link,
                call_id = excluded.call_id, direction = excluded.direction, local_device = excluded.local_device,
                remote_number = excluded.remote_number, remote_number_e164 = excluded.remote_number_e164,
                remote_name = excluded.remote_name, remote_name_source = excluded.remote_name_source,
                is_internal = excluded.is_internal, started_at = excluded.started_at,
                answered_at = excluded.answered_at, ended_at = excluded.ended_at, outcome = excluded.outcome
            RETURNING (xmax = 0);
            """;

        // Keyset paging, as in the SQLite store: strictly after the previous page's last key.
        public string Query { get; } = $"""
            SELECT record_id, user_email, link, call_id, direction, local_device, remote_number,
                   remote_number_e164, remote_name, remote_name_source, is_internal, started_at,
                   answered_at, ended_at, outcome
            FROM {schema}.call_records
            WHERE user_key = @userKey
              AND (@from IS NULL OR started_at >= @from)
              AND (@to IS NULL OR started_at < @to)
              AND (@afterStartedAt IS NULL
                   OR started_at < @afterStartedAt
                   OR (started_at = @afterStartedAt AND record_id < @afterRecordId))
            ORDER BY started_at DESC, record_id DESC
            LIMIT @limit;
            """;

        public string SaveOpenCall { get; } = $"""
            INSERT INTO {schema}.open_calls (call_key, user_email, state) VALUES (@key, @userEmail, @state)
            ON CONFLICT (call_key) DO UPDATE SET user_email = excluded.user_email, state = excluded.state;
            """;
    }
}
