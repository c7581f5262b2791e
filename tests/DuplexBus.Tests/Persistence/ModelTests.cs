using DuplexBus.Callbacks;
using DuplexBus.Host.Persistence;
using DuplexBus.Inbox;
using DuplexBus.Outbox;
using DuplexBus.Parking;
using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace DuplexBus.Tests.Persistence;

/// <summary>
/// The tables come from <c>modelBuilder.AddDuplexBus</c> on any DbContext, and the host's checked-in migrations still
/// describe its model exactly (no connection is opened: the model is compared with the migrations' snapshot).
/// </summary>
public sealed class ModelTests
{
    [Fact]
    public void PostgreSql_migrations_have_no_pending_model_changes()
    {
        using var db = new WorkDbContext(new DbContextOptionsBuilder<WorkDbContext>().UseNpgsql("Host=localhost;Database=none").Options);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void Sqlite_migrations_have_no_pending_model_changes()
    {
        using var db = new WorkSqliteDbContext(new DbContextOptionsBuilder<WorkSqliteDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Theory]
    [InlineData(typeof(OutboxMessage), "outbox_message")]
    [InlineData(typeof(InboxState), "inbox_state")]
    [InlineData(typeof(CallbackMessage), "callback_message")]
    [InlineData(typeof(ParkedMessage), "parked_message")]
    public void A_plain_DbContext_gets_the_tables_from_AddDuplexBus(Type entity, string table)
    {
        using var db = new PlainContext(new DbContextOptionsBuilder<PlainContext>().UseNpgsql("Host=localhost;Database=none").Options);
        Assert.Equal(table, db.Model.FindEntityType(entity)?.GetTableName());
    }

    [Fact]
    public void Message_bodies_are_jsonb_on_PostgreSQL_and_text_on_SQLite()
    {
        using var postgres = new PlainContext(new DbContextOptionsBuilder<PlainContext>().UseNpgsql("Host=localhost;Database=none").Options);
        using var sqlite = new PlainContext(new DbContextOptionsBuilder<PlainContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.Equal("jsonb", postgres.Model.FindEntityType(typeof(OutboxMessage))!.FindProperty(nameof(OutboxMessage.Body))!.GetColumnType());
        Assert.Equal("TEXT", sqlite.Model.FindEntityType(typeof(OutboxMessage))!.FindProperty(nameof(OutboxMessage.Body))!.GetColumnType());
    }

    private sealed class PlainContext(DbContextOptions<PlainContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddDuplexBus(Database);
    }
}
