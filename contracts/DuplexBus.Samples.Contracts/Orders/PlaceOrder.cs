using DuplexBus.Callbacks;
using DuplexBus.Samples.ServiceContracts.Orders;

namespace DuplexBus.Samples.Contracts.Orders;

/// <summary>IOrderService.PlaceOrder on the bus: the order as the client sent it, and where to tell it of the shipment.</summary>
public sealed record PlaceOrder(Guid OrderId, Order Order, CallbackEndpoint? Callback = null);
