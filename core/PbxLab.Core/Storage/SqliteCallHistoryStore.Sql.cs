using Microsoft.Data.Sqlite;
using PbxLab.Core.History;

namespace PbxLab.Core.Storage;

/// <summary>Schema, statements and row mapping of the SQLite store.</summary>
public sealed partial class SqliteCallHistoryStore
{
    /// <summary>Schema migrations; the entry at index i takes the schema from version i to version i + 1.</summary>
    private static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE call_records (
            record_id TEXT NOT NULL PRIMARY KEY,
            user_email TEXT NOT NULL,
            user_key TEXT NOT NULL,
            link TEXT NOT NULL,
            call_id TEXT NOT NULL,
            direction TEXT NOT NULL,
            local_device TEXT NOT NULL,
            remote_number TEXT NULL,
            remote_number_e164 TEXT NULL,
            remote_name TEXT NULL,
            remote_name_source TEXT NOT NULL,
            is_internal INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            answered_at INTEGER NULL,
            ended_at INTEGER NOT NULL,
            outcome TEXT NOT NULL
        );
        CREATE INDEX call_records_by_user_and_time ON call_records (user_key, started_at DESC, record_id DESC);
        CREATE TABLE open_calls (
            call_key TEXT NOT NULL PRIMARY KEY,
            user_email TEXT NOT NULL,
            state TEXT NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this code writes and reads.</summary>
    public static int SchemaVersion => Migrations.Count;

    private const string UpsertSql = """
        INSERT INTO call_records (
            record_id, user_email, user_key, link, call_id, direction, local_device, remote_number,
            remote_number_e164, remote_name, remote_name_source, is_internal, started_at, answered_at,
            ended_at, outcome)
        VALUES (
            $recordId, $userEmail, $userKey, $link, $callId, $direction, $localDevice, $remoteNumber,
            $remoteNumberE164, $remoteName, $remoteNameSource, $isInternal, $startedAt, $answeredAt,
            $endedAt, $outcome)
        ON CONFLICT (record_id) DO UPDATE SET
            user_email = excluded.user_email, user_key = excluded.user_key, link = excluded.link,
            call_id = excluded.call_id, direction = excluded.direction, local_device = excluded.local_device,
            remote_number = excluded.remote_number, remote_number_e164 = excluded.remote_number_e164,
            remote_name = excluded.remote_name, remote_name_source = excluded.remote_name_source,
            is_internal = excluded.is_internal, started_at = excluded.started_at,
            answered_at = excluded.answered_at, ended_at = excluded.ended_at, outcome = excluded.outcome;
        """;

    // Keyset paging: the next page starts strictly after the last key (started_at, record_id) of the
    // previous page in the order started_at DESC, record_id DESC.
    private const string QuerySql = """
        SELECT record_id, user_email, link, call_id, direction, local_device, remote_number,
               remote_number_e164, remote_name, remote_name_source, is_internal, started_at,
               answered_at, ended_at, outcome
        FROM call_records
        WHERE user_key = $userKey
          AND ($from IS NULL OR started_at >= $from)
          AND ($to IS NULL OR started_at < $to)
          AND ($afterStartedAt IS NULL
               OR started_at < $afterStartedAt
               OR (started_at = $afterStartedAt AND record_id < $afterRecordId))
        ORDER BY started_at DESC, record_id DESC
        LIMIT $limit;
        """;

    private static void AddRecordParameters(SqliteCommand command, CallRecord record)
    {
        var parameters = command.Parameters;
        parameters.AddWithValue("$recordId", record.RecordId);
        parameters.AddWithValue("$userEmail", record.UserEmail);
        parameters.AddWithValue("$userKey", CallHistoryQueryRules.NormalizeEmail(record.UserEmail));
        parameters.AddWithValue("$link", record.Link);
        parameters.AddWithValue("$callId", record.CallId);
        parameters.AddWithValue("$direction", record.Direction.ToString());
        parameters.AddWithValue("$localDevice", record.LocalDevice);
        parameters.AddWithValue("$remoteNumber", (object?)record.RemoteNumber ?? DBNull.Value);
        parameters.AddWithValue("$remoteNumberE164", (object?)record.RemoteNumberE164 ?? DBNull.Value);
        parameters.AddWithValue("$remoteName", (object?)record.RemoteName ?? DBNull.Value);
        parameters.AddWithValue("$remoteNameSource", record.RemoteNameSource.ToString());
        parameters.AddWithValue("$isInternal", record.IsInternal ? 1 : 0);
        parameters.AddWithValue("$startedAt", record.StartedAt.ToUnixTimeMilliseconds());
        parameters.AddWithValue("$answeredAt", record.AnsweredAt is { } answered ? answered.ToUnixTimeMilliseconds() : DBNull.Value);
        parameters.AddWithValue("$endedAt", record.EndedAt.ToUnixTimeMilliseconds());
        parameters.AddWithValue("$outcome", record.Outcome.ToString());
    }

    private static CallRecord ReadRecord(SqliteDataReader reader)
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
            IsInternal = reader.GetInt64(10) != 0,
            StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
            AnsweredAt = reader.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
            EndedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
            Outcome = CallRecordValues.ParseEnum<CallOutcome>(reader.GetString(14), "outcome", recordId),
        };
    }
}
