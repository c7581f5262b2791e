using DuplexBus.Callbacks;
using MassTransit;

namespace DuplexBus.Samples.Sagas.Orders;

/// <summary>The persisted state of one order: what <c>GetOrder</c> reports.</summary>
public sealed class OrderState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    /// <summary>"Placed", "Shipped" or "Cancelled".</summary>
    public string CurrentState { get; set; } = "";

    public string Customer { get; set; } = "";

    /// <summary>The ordered SKUs, in order, separated by newlines.</summary>
    public string Skus { get; set; } = "";

    /// <summary>Sum of quantity × unit price over the lines, less the discount.</summary>
    public decimal Total { get; set; }

    public string? CancelReason { get; set; }

    public string? Carrier { get; set; }

    public string? TrackingNumber { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    /// <summary>Where OrderShipped goes; null: the client gave no callback address.</summary>
    public CallbackEndpoint? Callback { get; set; }

    public bool CallbackDelivered { get; set; }
}
