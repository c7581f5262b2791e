using DuplexBus.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DuplexBus.Samples.Sagas;

public sealed class WorkStateMap() : SagaClassMap<WorkState>("work_state")
{
    protected override void ConfigureSaga(EntityTypeBuilder<WorkState> builder)
    {
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.OwnsCallbackEndpoint(s => s.Callback);
    }
}
