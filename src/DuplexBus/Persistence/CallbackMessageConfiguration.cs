using DuplexBus.Callbacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DuplexBus.Persistence;

internal sealed class CallbackMessageConfiguration : IEntityTypeConfiguration<CallbackMessage>
{
    public void Configure(EntityTypeBuilder<CallbackMessage> builder)
    {
        builder.ToTable("callback_message");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(m => m.CorrelationId).HasColumnName("correlation_id");
        builder.Property(m => m.Address).HasColumnName("address").HasMaxLength(2048);
        builder.Property(m => m.SoapVersion).HasColumnName("soap_version").HasMaxLength(8);
        builder.Property(m => m.AddressingVersion).HasColumnName("addressing_version").HasMaxLength(8);
        builder.Property(m => m.Action).HasColumnName("action").HasMaxLength(1024);
        builder.Property(m => m.Headers).HasColumnName("headers");
        builder.Property(m => m.Body).HasColumnName("body");
        builder.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(55);
        builder.Property(m => m.EchoActivityId).HasColumnName("echo_activity_id");
        builder.Property(m => m.State).HasColumnName("state");
        builder.Property(m => m.Attempts).HasColumnName("attempts");
        builder.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(m => m.LeaseId).HasColumnName("lease_id");
        builder.Property(m => m.CreatedAt).HasColumnName("created_at");
        builder.Property(m => m.WindowStartedAt).HasColumnName("window_started_at");
        builder.Property(m => m.DeliveredAt).HasColumnName("delivered_at");
        builder.Property(m => m.LastStatusCode).HasColumnName("last_status_code");
        builder.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
        // The dispatcher's scan: pending callbacks by due time.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("state = 0").HasDatabaseName("ix_callback_message_due");
        builder.HasIndex(m => m.CorrelationId).HasDatabaseName("ix_callback_message_correlation_id");
        // Dead-lettered callbacks stay until replayed: counted by the gauges and listed newest first by the console.
        builder.HasIndex(m => m.CreatedAt).HasFilter("state = 2").HasDatabaseName("ix_callback_message_dead");
    }
}
