using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using PbxLab.Core.History;
using PbxLab.Core.Storage;

namespace PbxLab.Core.Tests.Storage;

/// <summary>Runs the store contract against a SQLite file in a fresh temporary folder.</summary>
public sealed class SqliteCallHistoryStoreTests : CallHistoryStoreTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pbxlab-store-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_folder, "nested", "history.db");

    protected override ICallHistoryStore OpenStore() =>
        new SqliteCallHistoryStore(DatabasePath, NullLogger<SqliteCallHistoryStore>.Instance);

    protected override Task DeleteDatabaseAsync()
    {
        if (System.IO.Directory.Exists(_folder))
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Migrate_creates_file_in_wal_mode()
    {
        Assert.True(File.Exists(DatabasePath));

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT version FROM schema_version;";
        Assert.Equal((long)SqliteCallHistoryStore.SchemaVersion, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Newer_schema_version_is_rejected()
    {
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 99;";
            await command.ExecuteNonQueryAsync();
        }

        await using var reopened = OpenStore();
        var exception = await Assert.ThrowsAsync<CallHistoryStoreException>(() => reopened.MigrateAsync(CancellationToken.None));

        Assert.Contains(DatabasePath, exception.Message, StringComparison.Ordinal);
        Assert.Contains("version 99", exception.Message, StringComparison.Ordinal);
        Assert.Contains("history.sqlitePath", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unwritable_path_names_the_path()
    {
        // A regular file where the folder should be cannot be made into a folder, even as root.
        var blocker = Path.Combine(_folder, "blocker");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var path = Path.Combine(blocker, "history.db");

        await using var store = new SqliteCallHistoryStore(path, NullLogger<SqliteCallHistoryStore>.Instance);
        var exception = await Assert.ThrowsAsync<CallHistoryStoreException>(() => store.MigrateAsync(CancellationToken.None));

        Assert.Contains(blocker, exception.Message, StringComparison.Ordinal);
        Assert.Contains("history.sqlitePath", exception.Message, StringComparison.Ordinal);
    }
}
