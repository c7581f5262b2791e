using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Edge.Sessions;

/// <summary>The WS-RM tables: sequences, the bounds on open sequences, held messages and stored replies.</summary>
internal static class SessionTablesConfiguration
{
    public static void Apply(ModelBuilder model)
    {
        model.Entity<RmSequenceRow>(b =>
        {
            b.ToTable("rm_sequence");
            b.HasKey(s => s.Id);
            b.Property(s => s.Id).HasColumnName("id").HasMaxLength(256);
            b.Property(s => s.RmVersion).HasColumnName("rm_version").HasMaxLength(8);
            b.Property(s => s.SoapVersion).HasColumnName("soap_version").HasMaxLength(8);
            b.Property(s => s.AddressingVersion).HasColumnName("addressing_version").HasMaxLength(16);
            b.Property(s => s.AcksTo).HasColumnName("acks_to").HasMaxLength(2048);
            b.Property(s => s.ReplySequenceId).HasColumnName("reply_sequence_id").HasMaxLength(256);
            // A stand-alone acknowledgement names only the reply sequence.
            b.HasIndex(s => s.ReplySequenceId).HasDatabaseName("ix_rm_sequence_reply_sequence_id");
            b.Property(s => s.Endpoint).HasColumnName("endpoint").HasMaxLength(512);
            b.Property(s => s.Owner).HasColumnName("owner").HasMaxLength(256);
            b.Property(s => s.Client).HasColumnName("client").HasMaxLength(320);
            // The per-client admission count: open sequences of one client.
            b.HasIndex(s => new { s.Client, s.Status }).HasDatabaseName("ix_rm_sequence_client_status");
            b.Property(s => s.HeldBytes).HasColumnName("held_bytes");
            b.Property(s => s.CreateMessageId).HasColumnName("create_message_id").HasMaxLength(512);
            b.HasIndex(s => s.CreateMessageId).IsUnique().HasDatabaseName("ix_rm_sequence_create_message_id");
            b.Property(s => s.RepliesSent).HasColumnName("replies_sent");
            b.Property(s => s.Ordered).HasColumnName("ordered");
            b.Property(s => s.Received).HasColumnName("received");
            b.Property(s => s.DeliveredThrough).HasColumnName("delivered_through");
            b.Property(s => s.LastNumber).HasColumnName("last_number");
            b.Property(s => s.Status).HasColumnName("status");
            b.Property(s => s.CreatedAt).HasColumnName("created_at");
            b.Property(s => s.LastActivityAt).HasColumnName("last_activity_at");
            b.HasIndex(s => new { s.Status, s.LastActivityAt }).HasDatabaseName("ix_rm_sequence_status_activity");
        });
        model.Entity<RmAdmissionRow>(b =>
        {
            b.ToTable("rm_admission");
            b.HasKey(a => a.Client);
            b.Property(a => a.Client).HasColumnName("client").HasMaxLength(320);
            b.Property(a => a.OpenAtMost).HasColumnName("open_at_most");
        });
        model.Entity<RmHeldMessageRow>(b =>
        {
            b.ToTable("rm_held_message");
            b.HasKey(m => new { m.SequenceId, m.Number });
            b.Property(m => m.SequenceId).HasColumnName("sequence_id").HasMaxLength(256);
            b.Property(m => m.Number).HasColumnName("number");
            b.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(512);
            b.Property(m => m.Body).HasColumnName("body");
        });
        model.Entity<RmReplyRow>(b =>
        {
            b.ToTable("rm_reply");
            b.HasKey(r => new { r.SequenceId, r.RequestNumber });
            b.Property(r => r.SequenceId).HasColumnName("sequence_id").HasMaxLength(256);
            b.Property(r => r.RequestNumber).HasColumnName("request_number");
            b.Property(r => r.ReplyNumber).HasColumnName("reply_number");
            b.Property(r => r.Action).HasColumnName("action").HasMaxLength(1024);
            b.Property(r => r.Body).HasColumnName("body");
        });
    }
}
