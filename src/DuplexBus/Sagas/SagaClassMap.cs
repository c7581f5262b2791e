using DuplexBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DuplexBus.Sagas;

/// <summary>
/// Maps a saga instance to its own table, keyed by CorrelationId, with snake_case names. Derive from it to
/// add lengths, indexes or extra columns; apply it in the application's DbContext,
/// beside <c>modelBuilder.AddDuplexBus(Database)</c>.
/// </summary>
public abstract class SagaClassMap<TSaga> : IEntityTypeConfiguration<TSaga>
    where TSaga : class, ISaga
{
    protected SagaClassMap(string tableName) => TableName = tableName;

    public string TableName { get; }

    public void Configure(EntityTypeBuilder<TSaga> builder)
    {
        builder.ToTable(TableName);
        builder.HasKey(s => s.CorrelationId);
        builder.Property(s => s.CorrelationId).ValueGeneratedNever();
        ConfigureSaga(builder);
        foreach (var property in builder.Metadata.GetProperties())
        {
            if (property.GetColumnName() == property.Name)
                property.SetColumnName(SnakeCase.From(property.Name));
        }
    }

    protected abstract void ConfigureSaga(EntityTypeBuilder<TSaga> builder);
}
