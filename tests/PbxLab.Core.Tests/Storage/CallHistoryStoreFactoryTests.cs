using Microsoft.Extensions.Logging.Abstractions;
using PbxLab.Core.Configuration;
using PbxLab.Core.Storage;

namespace PbxLab.Core.Tests.Storage;

public sealed class CallHistoryStoreFactoryTests
{
    [Fact]
    public async Task Sqlite_is_the_default()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pbxlab-factory-{Guid.NewGuid():N}");
        var path = Path.Combine(folder, "history.db");
        try
        {
            await using (var store = await CallHistoryStoreFactory.CreateAsync(new HistoryStoreOptions { SqlitePath = path }, NullLoggerFactory.Instance, CancellationToken.None))
            {
                Assert.IsType<SqliteCallHistoryStore>(store);
            }

            Assert.True(File.Exists(path));
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Connection_string_selects_postgres()
    {
        var options = new HistoryStoreOptions { SqlitePath = "unused.db", PostgresConnectionString = PostgresCallHistoryStoreTests.ConnectionString };

        await using var store = await CallHistoryStoreFactory.CreateAsync(options, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.IsType<PostgresCallHistoryStore>(store);
        Assert.False(File.Exists("unused.db"));
    }
}
