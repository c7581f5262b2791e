using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Backlog;

/// <summary>
/// Counts the consumed queues every <see cref="BacklogLimitOptions.PollInterval"/> while the edge takes messages or
/// the gate is closed, sleeping without a timer otherwise, and closes the gate at <see cref="BacklogLimitOptions.MaxQueuedMessages"/>, opening it again
/// below half of that (so it does not flap at the line). An idle edge costs the broker nothing. When the queues
/// cannot be counted the gate opens: holding clients back for a broker that is away would only stall the edge,
/// which accepts into the outbox whether or not the broker is up.
/// </summary>
internal sealed class BacklogMonitor(
    BacklogGate gate,
    IQueueDepthSource queues,
    IOptions<BacklogLimitOptions> options,
    TimeProvider time,
    ILogger<BacklogMonitor> logger) : BackgroundService
{
    private readonly BacklogLimitOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.MaxQueuedMessages == 0)
            return;
        try
        {
            await MonitorAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task MonitorAsync(CancellationToken stoppingToken)
    {
        var uncounted = false;
        while (true)
        {
            if (!gate.IsClosed)
                await gate.WaitForIntakeAsync(stoppingToken).ConfigureAwait(false);
            await Task.Delay(_options.PollInterval, time, stoppingToken).ConfigureAwait(false);
            if (!gate.TakeIntake() && !gate.IsClosed)
                continue;
            long? queued = null;
            Exception? failure = null;
            try
            {
                queued = await queues.CountAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failure = e;
            }
            if (queued is not { } count)
            {
                if (!uncounted)
                    logger.BacklogUncounted(failure);
                uncounted = true;
                gate.Open();
                continue;
            }
            uncounted = false;
            Apply(count);
        }
    }

    private void Apply(long queued)
    {
        var limit = _options.MaxQueuedMessages;
        if (!gate.IsClosed && queued >= limit)
        {
            gate.Close();
            logger.BacklogClosed(queued, limit, _options.MaxWait);
        }
        else if (gate.IsClosed && queued < limit / 2)
        {
            gate.Open();
            logger.BacklogOpened(queued, limit);
        }
    }
}
