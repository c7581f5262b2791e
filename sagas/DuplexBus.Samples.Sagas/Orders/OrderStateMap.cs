using DuplexBus.Sagas;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DuplexBus.Samples.Sagas.Orders;

public sealed class OrderStateMap() : SagaClassMap<OrderState>("order_state")
{
    protected override void ConfigureSaga(EntityTypeBuilder<OrderState> builder)
    {
        builder.Property(s => s.CurrentState).HasMaxLength(64);
        builder.Property(s => s.Customer).HasMaxLength(256);
        builder.Property(s => s.Total).HasPrecision(18, 4);
        builder.Property(s => s.CancelReason).HasMaxLength(1024);
        builder.Property(s => s.Carrier).HasMaxLength(64);
        builder.Property(s => s.TrackingNumber).HasMaxLength(64);
        builder.OwnsCallbackEndpoint(s => s.Callback);
    }
}
