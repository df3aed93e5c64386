using Microsoft.Extensions.Logging;
using PbxLab.Core.Configuration;
using PbxLab.Core.History;

namespace PbxLab.Core.Storage;

/// <summary>Opens the configured call-history store and brings its schema up to date.</summary>
public static class CallHistoryStoreFactory
{
    /// <summary>
    /// Opens PostgreSQL when <see cref="HistoryStoreOptions.PostgresConnectionString"/> is set, else
    /// the SQLite file, and runs <see cref="ICallHistoryStore.MigrateAsync"/>.
    /// </summary>
    /// <exception cref="CallHistoryStoreException">The store cannot be reached, created or migrated.</exception>
    public static async Task<ICallHistoryStore> CreateAsync(HistoryStoreOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        ICallHistoryStore store = options.UsesPostgres
            ? new PostgresCallHistoryStore(options.PostgresConnectionString!, loggerFactory.CreateLogger<PostgresCallHistoryStore>())
            : new SqliteCallHistoryStore(options.SqlitePath, loggerFactory.CreateLogger<SqliteCallHistoryStore>());
        try
        {
            await store.MigrateAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
