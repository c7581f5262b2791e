using DuplexBus.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DuplexBus.Persistence;

internal sealed class OutboxMessageConfiguration(string? jsonColumnType) : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_message");
        builder.HasKey(m => m.Seq);
        builder.Property(m => m.Seq).HasColumnName("seq").ValueGeneratedOnAdd();
        builder.Property(m => m.MessageId).HasColumnName("message_id");
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(512);
        var body = builder.Property(m => m.Body).HasColumnName("body");
        if (jsonColumnType is not null)
            body.HasColumnType(jsonColumnType);
        builder.Property(m => m.Destination).HasColumnName("destination").HasMaxLength(1024);
        builder.Property(m => m.ClientIdentity).HasColumnName("client_identity").HasMaxLength(256);
        builder.Property(m => m.OrderingKey).HasColumnName("ordering_key").HasMaxLength(256);
        builder.Property(m => m.CreatedAt).HasColumnName("created_at");
        builder.Property(m => m.Attempts).HasColumnName("attempts");
        builder.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
        builder.Property(m => m.SentAt).HasColumnName("sent_at");
        builder.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
        // The relay's scan: unsent rows in commit order.
        builder.HasIndex(m => m.Seq).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_message_unsent");
    }
}
