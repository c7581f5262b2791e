using DuplexBus.Parking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DuplexBus.Persistence;

internal sealed class ParkedMessageConfiguration : IEntityTypeConfiguration<ParkedMessage>
{
    public void Configure(EntityTypeBuilder<ParkedMessage> builder)
    {
        builder.ToTable("parked_message");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id");
        builder.Property(m => m.Source).HasColumnName("source").HasMaxLength(512);
        builder.Property(m => m.MessageId).HasColumnName("message_id");
        builder.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(512);
        // Text, not jsonb: a message that arrived unreadable is kept exactly as it came.
        builder.Property(m => m.Body).HasColumnName("body");
        builder.Property(m => m.Destination).HasColumnName("destination").HasMaxLength(1024);
        builder.Property(m => m.Reason).HasColumnName("reason").HasMaxLength(2000);
        builder.Property(m => m.ParkedAt).HasColumnName("parked_at");
        builder.HasIndex(m => m.ParkedAt);
    }
}
