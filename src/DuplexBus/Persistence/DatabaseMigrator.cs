using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Persistence;

/// <summary>Brings the schema up to date at start-up, before any other DuplexBus service touches the database.</summary>
public sealed partial class DatabaseMigrator(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.MigrateAtStartup)
            return;
        await using var scope = scopes.CreateAsyncScope();
        var applied = await MigrateAsync(DuplexBusDatabase.Get(scope.ServiceProvider), cancellationToken).ConfigureAwait(false);
        if (applied.Count > 0)
            Migrated(logger, applied.Count, string.Join(", ", applied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <returns>The migrations that were pending and are now applied.</returns>
    public static async Task<IReadOnlyList<string>> MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        // On an empty database EF would first read a history table that is not there, and log each failed read as an
        // error; made first (IF NOT EXISTS), it is read empty.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count > 0)
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // Readers do not block the writer, and commits are cheaper: the embedded default's only concurrency aid.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
        return pending;
    }

    [LoggerMessage(2001, LogLevel.Information, "Applied {Count} database migrations: {Migrations}")]
    private static partial void Migrated(ILogger logger, int count, string migrations);
}
