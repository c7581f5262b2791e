namespace DuplexBus.Samples.Contracts.Orders;

/// <summary>IOrderService.CancelOrder on the bus; an order already shipped stays shipped.</summary>
public sealed record CancelOrder(Guid OrderId, string? Reason);
