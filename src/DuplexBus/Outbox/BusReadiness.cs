using MassTransit;

namespace DuplexBus.Outbox;

/// <summary>
/// Completes once the bus has started and every receive endpoint is ready — its queues declared and bound. The relay
/// waits for it before its first publish: the host no longer waits for the bus before it serves, and a message
/// published to an exchange before its queue is bound is acknowledged by the broker and then dropped.
/// </summary>
public sealed class BusReadiness : IBusObserver
{
    private static readonly TimeSpan HealthPoll = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenReady => _ready.Task;

    public Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        _ = ReadyAsync(bus, busReady);
        return Task.CompletedTask;
    }

    private async Task ReadyAsync(IBus bus, Task<BusReady> busReady)
    {
        try
        {
            await busReady.ConfigureAwait(false);
            _ready.TrySetResult();
        }
        catch (Exception)
        {
            await WaitUntilHealthyAsync(bus).ConfigureAwait(false);
        }
    }

    // An endpoint that faulted while starting is restarted by MassTransit; publish once the bus says all are up.
    private async Task WaitUntilHealthyAsync(IBus bus)
    {
        while (bus is IBusControl control && control.CheckHealth().Status != BusHealthStatus.Healthy)
            await Task.Delay(HealthPoll).ConfigureAwait(false);
        _ready.TrySetResult();
    }

    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception) => WaitUntilHealthyAsync(bus);

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
