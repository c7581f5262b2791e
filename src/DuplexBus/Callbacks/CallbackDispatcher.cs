using System.Diagnostics;
using DuplexBus.Diagnostics;
using DuplexBus.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Callbacks;

/// <summary>
/// Works off the callback table: claims due callbacks (a lease, so several hosts share the work and a crashed host's
/// callbacks come back when its lease ends), sends each, and records the outcome — delivered, retried later with
/// backoff, or dead-lettered. Keeps up to <see cref="CallbackOptions.Concurrency"/> callbacks in flight.
/// </summary>
public sealed class CallbackDispatcher(
    IServiceScopeFactory scopes,
    CallbackSender sender,
    CallbackSignal signal,
    OutboxSignal outboxSignal,
    IOptions<CallbackOptions> options,
    DuplexBusMetrics metrics,
    TimeProvider time,
    ILogger<CallbackDispatcher> logger) : BackgroundService
{
    private readonly CallbackOptions _options = options.Value;
    private readonly CallbackRetryPolicy _retry = CallbackRetryPolicy.From(options.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
        var inFlight = new HashSet<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    var free = 1;
                    while (free < _options.Concurrency && slots.Wait(0, CancellationToken.None))
                        free++;

                    IReadOnlyList<CallbackMessage> due;
                    try
                    {
                        due = await ClaimAsync(free, stoppingToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        // Slots the claim did not fill go back before waiting, or a failed claim would leak them.
                        slots.Release(free);
                    }
                    if (due.Count == 0)
                    {
                        await signal.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    foreach (var callback in due)
                    {
                        await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                        var delivery = DeliverAsync(callback, slots, stoppingToken);
                        lock (inFlight)
                            inFlight.Add(delivery);
                        _ = delivery.ContinueWith(
                            t =>
                            {
                                lock (inFlight)
                                    inFlight.Remove(t);
                            },
                            CancellationToken.None,
                            TaskContinuationOptions.ExecuteSynchronously,
                            TaskScheduler.Default);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    logger.DispatchPassFailed(e);
                    await Task.Delay(_options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Task[] pending;
            lock (inFlight)
                pending = [.. inFlight];
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<CallbackMessage>> ClaimAsync(int count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CallbackStore>();
        return await store.ClaimAsync(count, time.GetUtcNow().UtcDateTime, _options.Lease, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One attempt and its record; holds a slot until done. Never throws: a lost record is retried after the lease.</summary>
    private async Task DeliverAsync(CallbackMessage callback, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            using var activity = DuplexBusDiagnostics.Source.StartActivity("callback send", ActivityKind.Client);
            activity?.SetTag("duplexbus.callback.id", callback.Id);
            activity?.SetTag("url.full", callback.Address);
            activity?.SetTag("duplexbus.callback.attempt", callback.Attempts + 1);
            var started = Stopwatch.GetTimestamp();
            var result = await sender.SendAsync(callback, cancellationToken).ConfigureAwait(false);
            metrics.CallbackDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("duplexbus.callback.outcome", result.Kind.ToString()));
            activity?.SetTag("duplexbus.callback.outcome", result.Kind.ToString());
            if (result.StatusCode is { } status)
                activity?.SetTag("http.response.status_code", status);

            await RecordAsync(callback, result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.RecordFailed(callback.Id, e);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the lease runs out and another pass (here or on another host) tries again.
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task RecordAsync(CallbackMessage callback, CallbackAttemptResult result, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<CallbackStore>();
        var now = time.GetUtcNow().UtcDateTime;
        var attempt = callback.Attempts + 1;
        switch (result.Kind)
        {
            case CallbackAttemptKind.Delivered:
                if (await store.RecordDeliveredAsync(callback, result.StatusCode ?? 200, now, cancellationToken).ConfigureAwait(false))
                {
                    metrics.CallbacksDelivered.Add(1);
                    logger.CallbackDelivered(callback.Id, callback.Address, attempt, result.Description);
                    outboxSignal.Notify();
                }
                break;
            case CallbackAttemptKind.Failed when !_retry.IsExhausted(attempt, callback.WindowStartedAt, now):
                var next = now + _retry.DelayAfter(attempt, Random.Shared.NextDouble());
                if (await store.RecordRetryAsync(callback, result, next, cancellationToken).ConfigureAwait(false))
                {
                    metrics.CallbacksRetried.Add(1);
                    logger.CallbackRetry(callback.Id, callback.Address, attempt, result.Description, next);
                }
                break;
            default:
                var final = result.Kind == CallbackAttemptKind.Failed
                    ? result with { Description = $"gave up after {attempt} attempts; last: {result.Description}" }
                    : result;
                if (await store.RecordDeadLetteredAsync(callback, final, now, cancellationToken).ConfigureAwait(false))
                {
                    metrics.CallbacksDeadLettered.Add(1);
                    logger.CallbackDeadLettered(callback.Id, callback.Address, attempt, final.Description);
                    outboxSignal.Notify();
                }
                break;
        }
    }
}
