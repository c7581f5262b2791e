using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DuplexBus.Host.Persistence;

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is contacted.</summary>
internal sealed class WorkDbContextDesignFactory : IDesignTimeDbContextFactory<WorkDbContext>
{
    public WorkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WorkDbContext>().UseNpgsql("Host=localhost;Database=duplexbus").Options);
}

internal sealed class WorkSqliteDbContextDesignFactory : IDesignTimeDbContextFactory<WorkSqliteDbContext>
{
    public WorkSqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WorkSqliteDbContext>().UseSqlite("Data Source=design.db").Options);
}
