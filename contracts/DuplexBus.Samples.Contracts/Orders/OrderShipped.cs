namespace DuplexBus.Samples.Contracts.Orders;

/// <summary>The shipping back end's answer.</summary>
public sealed record OrderShipped(Guid OrderId, string Carrier, string TrackingNumber, DateTimeOffset ShippedAt);
