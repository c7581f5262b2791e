using DuplexBus.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DuplexBus.Samples.Sagas;

public sealed class WorkStateMap() : SagaClassMap<WorkState>("work_state")
{
    protected override void ConfigureSaga(EntityTypeBuilder<WorkState> builder)
    {
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.OwnsOne(s => s.Callback, callback =>
        {
            callback.Property(c => c.Address).HasColumnName("callback_address").HasMaxLength(2048);
            callback.Property(c => c.SoapVersion).HasColumnName("callback_soap_version").HasMaxLength(8);
            callback.Property(c => c.AddressingVersion).HasColumnName("callback_addressing_version").HasMaxLength(8);
            callback.Property(c => c.ReferenceParameters).HasColumnName("callback_reference_parameters");
            callback.Property(c => c.TraceParent).HasColumnName("callback_trace_parent").HasMaxLength(55);
            callback.Property(c => c.EchoActivityId).HasColumnName("callback_echo_activity_id");
        });
    }
}
