namespace DuplexBus.Samples.Contracts.Orders;

/// <summary>The saga's command to the shipping back end.</summary>
public sealed record ShipOrder(Guid OrderId, int Lines);
