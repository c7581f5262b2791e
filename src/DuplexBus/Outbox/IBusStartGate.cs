using MassTransit;

namespace DuplexBus.Outbox;

/// <summary>
/// Work that must finish after the bus has started and before the relay publishes anything, such as connecting receive
/// endpoints whose bindings route the first messages. <see cref="BusReadiness"/> waits for every registered gate.
/// </summary>
internal interface IBusStartGate
{
    Task OpenAsync(IBus bus, CancellationToken cancellationToken);
}
