using MassTransit;
using Microsoft.Extensions.Logging;

namespace DuplexBus.Outbox;

/// <summary>
/// Completes once the bus has started, every receive endpoint is ready — its queues declared and bound — and every
/// <see cref="IBusStartGate"/> has opened. The relay waits for it before its first publish: the host no longer waits
/// for the bus before it serves, and a message published to an exchange before its queue is bound is acknowledged by
/// the broker and then dropped.
/// </summary>
public sealed class BusReadiness : IBusObserver
{
    private readonly IBusStartGate[] _gates;

    private int _opening;

    private readonly ILogger _logger;

    internal BusReadiness(IEnumerable<IBusStartGate> gates, ILogger<BusReadiness> logger)
    {
        _gates = gates.ToArray();
        _logger = logger;
    }

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
        }
        catch (Exception)
        {
            await WaitUntilHealthyAsync(bus).ConfigureAwait(false);
        }
        await OpenGatesAsync(bus).ConfigureAwait(false);
    }

    // An endpoint that faulted while starting is restarted by MassTransit; publish once the bus says all are up.
    private static async Task WaitUntilHealthyAsync(IBus bus)
    {
        while (bus is IBusControl control && control.CheckHealth().Status != BusHealthStatus.Healthy)
            await Task.Delay(HealthPoll).ConfigureAwait(false);
    }

    // A gate that fails (the broker went away while it declared its endpoints) is tried again until it opens.
    private async Task OpenGatesAsync(IBus bus)
    {
        if (Interlocked.Exchange(ref _opening, 1) == 1)
            return;
        foreach (var gate in _gates)
        {
            while (true)
            {
                try
                {
                    await gate.OpenAsync(bus, CancellationToken.None).ConfigureAwait(false);
                    break;
                }
                catch (Exception e)
                {
                    _logger.GateFailed(gate.GetType().Name, e);
                    await Task.Delay(HealthPoll).ConfigureAwait(false);
                    await WaitUntilHealthyAsync(bus).ConfigureAwait(false);
                }
            }
        }
        _ready.TrySetResult();
    }

    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    public Task PreStart(IBus bus) => Task.CompletedTask;

    public Task StartFaulted(IBus bus, Exception exception)
    {
        _ = ReadyAfterFaultAsync(bus);
        return Task.CompletedTask;
    }

    private async Task ReadyAfterFaultAsync(IBus bus)
    {
        await WaitUntilHealthyAsync(bus).ConfigureAwait(false);
        await OpenGatesAsync(bus).ConfigureAwait(false);
    }

    public Task PreStop(IBus bus) => Task.CompletedTask;

    public Task PostStop(IBus bus) => Task.CompletedTask;

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
