using System.ServiceModel;
using DuplexBus.Host.Persistence;
using DuplexBus.Samples.Sagas.Orders;
using DuplexBus.Samples.ServiceContracts.Orders;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Host.OrderService;

/// <summary>Answers <see cref="IOrderService.GetOrder"/> from the order saga; an order nobody placed is the declared OrderNotFound fault.</summary>
public sealed class OrderQueries(WorkDbContext db)
{
    public async Task<OrderSummary> GetOrder(Guid orderId, CancellationToken cancellationToken)
    {
        var state = await db.Set<OrderState>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.CorrelationId == orderId, cancellationToken)
            .ConfigureAwait(false);
        if (state is null)
            throw new FaultException<OrderNotFound>(new OrderNotFound { OrderId = orderId }, new FaultReason($"No order {orderId} was placed."));
        return new OrderSummary
        {
            OrderId = orderId,
            Status = Enum.Parse<OrderStatus>(state.CurrentState),
            Customer = state.Customer,
            Skus = state.Skus.Length == 0 ? [] : [.. state.Skus.Split('\n')],
            Total = state.Total,
            ShippedAt = state.ShippedAt,
            CallbackDelivered = state.CallbackDelivered,
        };
    }
}
