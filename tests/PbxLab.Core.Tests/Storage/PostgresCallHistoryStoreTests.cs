using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PbxLab.Core.Configuration;
using PbxLab.Core.History;
using PbxLab.Core.Storage;
using PbxLab.Core.Tests.TestSupport;

namespace PbxLab.Core.Tests.Storage;

/// <summary>
/// Runs the store contract against PostgreSQL from PBXLAB_POSTGRES_CONNECTION, each test in a schema
/// of its own that is dropped afterwards. Without the variable every test fails on purpose, because
/// CI counts these tests and a silent skip would hide a missing database.
/// </summary>
public sealed class PostgresCallHistoryStoreTests : CallHistoryStoreTests
{
    private readonly string _schema = $"pbxlab_test_{Guid.NewGuid():N}";

    internal static string ConnectionString =>
        Environment.GetEnvironmentVariable(HistoryStoreOptions.PostgresConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The environment variable {HistoryStoreOptions.PostgresConnectionVariable} is not set, so the PostgreSQL store tests cannot run. "
                + "Run scripts/start-postgres.sh as root and export the line it prints, for example: "
                + "export \"$(scripts/start-postgres.sh)\"");

    protected override ICallHistoryStore OpenStore() =>
        new PostgresCallHistoryStore(ConnectionString, NullLogger<PostgresCallHistoryStore>.Instance, _schema);

    protected override async Task DeleteDatabaseAsync()
    {
        if (Environment.GetEnvironmentVariable(HistoryStoreOptions.PostgresConnectionVariable) is not { Length: > 0 } connectionString)
        {
            return;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Newer_schema_version_is_rejected()
    {
        await using (var dataSource = NpgsqlDataSource.Create(ConnectionString))
        await using (var command = dataSource.CreateCommand($"UPDATE {_schema}.schema_version SET version = 99;"))
        {
            await command.ExecuteNonQueryAsync();
        }

        await using var reopened = OpenStore();
        var exception = await Assert.ThrowsAsync<CallHistoryStoreException>(() => reopened.MigrateAsync(CancellationToken.None));

        Assert.Contains("version 99", exception.Message, StringComparison.Ordinal);
        Assert.Contains(_schema, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_names_host_not_password()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        await using var store = new PostgresCallHistoryStore(
            "Host=127.0.0.1;Port=1;Username=pbxlab;Password=hunter2-secret;Database=pbxlab_test;Timeout=5",
            NullLogger<PostgresCallHistoryStore>.Instance);

        var exception = await Assert.ThrowsAsync<CallHistoryStoreException>(() => store.MigrateAsync(CancellationToken.None));

        Assert.Contains("127.0.0.1:1", exception.Message, StringComparison.Ordinal);
        Assert.Contains("start-postgres.sh", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_open_logs_no_password()
    {
        using var logs = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var options = new HistoryStoreOptions { PostgresConnectionString = "Host=127.0.0.1;Port=1;Username=pbxlab;Password=hunter2-secret;Database=pbxlab_test;Timeout=5" };

        await Assert.ThrowsAsync<CallHistoryStoreException>(() => CallHistoryStoreFactory.CreateAsync(options, loggerFactory, CancellationToken.None));

        var failure = Assert.Single(logs.Records, record => record.EventId == 7002);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains("127.0.0.1:1", failure.Message, StringComparison.Ordinal);
        Assert.All(logs.Records, record => Assert.DoesNotContain("hunter2-secret", record.Message, StringComparison.Ordinal));
    }
}
