using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Host.Persistence;

/// <summary>The same model on SQLite for the embedded default; a type of its own so its migrations stay apart.</summary>
public sealed class WorkSqliteDbContext(DbContextOptions<WorkSqliteDbContext> options) : WorkDbContext(options);
