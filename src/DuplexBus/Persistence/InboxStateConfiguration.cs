using DuplexBus.Inbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DuplexBus.Persistence;

internal sealed class InboxStateConfiguration : IEntityTypeConfiguration<InboxState>
{
    public void Configure(EntityTypeBuilder<InboxState> builder)
    {
        builder.ToTable("inbox_state");
        builder.HasKey(s => new { s.Consumer, s.MessageId });
        builder.Property(s => s.Consumer).HasColumnName("consumer").HasMaxLength(256);
        builder.Property(s => s.MessageId).HasColumnName("message_id");
        builder.Property(s => s.ReceivedAt).HasColumnName("received_at");
        builder.HasIndex(s => s.ReceivedAt);
    }
}
