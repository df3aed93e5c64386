namespace PbxLab.Core.Configuration;

/// <summary>
/// Where the call history is stored: PostgreSQL when <see cref="PostgresConnectionString"/> is set,
/// else the embedded SQLite file at <see cref="SqlitePath"/>. A class rather than a record so that
/// no generated ToString can print the connection string's password.
/// </summary>
public sealed class HistoryStoreOptions
{
    public const string DefaultSqlitePath = "data/pbxlab-history.db";

    /// <summary>Environment variable that supplies the PostgreSQL connection string; it wins over the file's value.</summary>
    public const string PostgresConnectionVariable = "PBXLAB_POSTGRES_CONNECTION";

    /// <summary>The SQLite database file. A relative path is relative to the process's working directory.</summary>
    public string SqlitePath { get; init; } = DefaultSqlitePath;

    /// <summary>An Npgsql connection string, or null to use SQLite. Never logged, because it may hold a password.</summary>
    public string? PostgresConnectionString { get; init; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}

/// <summary>Where the core's REST API listens.</summary>
public sealed record ApiOptions
{
    public const string DefaultBind = "127.0.0.1";

    public const int DefaultPort = 8089;

    /// <summary>IP address to bind; loopback by default so that only this machine can reach the API.</summary>
    public string Bind { get; init; } = DefaultBind;

    /// <summary>TCP port; 0 lets the system pick a free one.</summary>
    public int Port { get; init; } = DefaultPort;
}
