using System.Diagnostics;
using System.Threading.Channels;
using DuplexBus.Diagnostics;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Callbacks;

/// <summary>
/// Works off the callback table in three stages: a claimer leases due callbacks in batches (a lease, so several
/// hosts share the work and a crashed host's callbacks come back when its lease ends), <see cref="CallbackOptions.Concurrency"/>
/// senders deliver them, and a recorder writes the outcomes — delivered, retried later with backoff, or
/// dead-lettered — many per transaction. A <see cref="ClaimWindow"/> sized by how fast attempts go bounds what the
/// host holds, and a sender never starts an attempt that could outlast its lease, so two hosts never have one
/// callback in flight at once. Due times and lease ends are the database's clock; this host only measures spans
/// (backoff, what is left of a lease on its monotonic clock), so a host whose wall clock is off neither takes over
/// live leases nor sends early.
/// </summary>
public sealed partial class CallbackDispatcher(
    IServiceScopeFactory scopes,
    CallbackSender sender,
    CallbackSignal signal,
    DestinationPauses pauses,
    OutboxSignal outboxSignal,
    IOptions<CallbackOptions> options,
    DuplexBusMetrics metrics,
    TimeProvider time,
    ILogger<CallbackDispatcher> logger) : BackgroundService
{
    private const int MaxRecordBatch = ClaimWindow.MaxClaim;

    private readonly CallbackOptions _options = options.Value;
    private readonly CallbackRetryPolicy _retry = CallbackRetryPolicy.From(options.Value);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var window = new ClaimWindow(_options.Concurrency, _options.Lease, _options.Timeout);
        var claimed = Channel.CreateUnbounded<ClaimedCallback>(new UnboundedChannelOptions { SingleWriter = true });
        var finished = Channel.CreateUnbounded<CallbackOutcome>(new UnboundedChannelOptions { SingleReader = true });
        var unsent = Channel.CreateUnbounded<CallbackGiveBack>(new UnboundedChannelOptions { SingleReader = true });

        var senders = Enumerable.Range(0, _options.Concurrency)
            .Select(_ => Task.Run(() => SendLoopAsync(claimed.Reader, finished.Writer, unsent.Writer, window, stoppingToken), CancellationToken.None))
            .ToArray();
        var recorder = Task.Run(() => RecordLoopAsync(finished.Reader, window), CancellationToken.None);
        var releaser = Task.Run(() => ReleaseLoopAsync(unsent.Reader, window), CancellationToken.None);
        try
        {
            await ClaimLoopAsync(claimed.Writer, window, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            claimed.Writer.TryComplete();
            await Task.WhenAll(senders).ConfigureAwait(false);
            finished.Writer.TryComplete();
            unsent.Writer.TryComplete();
            await Task.WhenAll(recorder, releaser).ConfigureAwait(false);
        }
    }

    private async Task ClaimLoopAsync(ChannelWriter<ClaimedCallback> claimed, ClaimWindow window, CancellationToken stoppingToken)
    {
        var polling = new IdlePolling(_options.PollInterval, _options.IdlePollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await window.WaitForRoomAsync(stoppingToken).ConfigureAwait(false);
                var wanted = window.ToClaim();
                CallbackClaim claim;
                // Taken before the claim's transaction begins, so the lease (which starts at the database's now in
                // that transaction) ends no earlier than this moment plus Lease.
                var claimStartedAt = time.GetTimestamp();
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var store = scope.ServiceProvider.GetRequiredService<CallbackStore>();
                    claim = await store.ClaimAsync(wanted, _options.Lease, stoppingToken).ConfigureAwait(false);
                }
                var due = claim.Callbacks;
                // Each claimed callback holds its place in the window until its outcome is recorded.
                window.Claimed(due.Count);
                foreach (var callback in due)
                    claimed.TryWrite(new(callback, claimStartedAt));
                if (due.Count < wanted)
                    await signal.WaitAsync(NextLook(polling, due.Count, claim.NextDueIn), stoppingToken).ConfigureAwait(false);
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

    /// <summary>
    /// The wait before the next claim when this one took all that was due: until the next callback comes due (a retry,
    /// a lease ending), but no sooner than the poll interval and no later than the idle interval; while nothing at all
    /// is pending, the idle wait, which grows with each such look.
    /// </summary>
    internal static TimeSpan NextLook(IdlePolling polling, int claimed, TimeSpan? nextDueIn)
    {
        if (claimed > 0)
            polling.Busy();
        if (nextDueIn is not { } dueIn)
            return polling.Empty();
        return dueIn <= polling.Shortest ? polling.Shortest : dueIn >= polling.Longest ? polling.Longest : dueIn;
    }

    private async Task SendLoopAsync(
        ChannelReader<ClaimedCallback> claimed, ChannelWriter<CallbackOutcome> finished, ChannelWriter<CallbackGiveBack> unsent, ClaimWindow window, CancellationToken stoppingToken)
    {
        await foreach (var (callback, claimStartedAt) in claimed.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (stoppingToken.IsCancellationRequested)
            {
                unsent.TryWrite(new(callback, TimeSpan.Zero)); // Shutting down: given back, so another host need not wait for the lease.
                continue;
            }
            var leaseLeft = _options.Lease - time.GetElapsedTime(claimStartedAt);
            if (leaseLeft <= _options.Timeout)
            {
                // Held too long behind slow receivers: an attempt now could outlive the lease and overlap the next
                // holder's. Given back, it is claimed afresh with a whole lease.
                logger.LeaseTooShort(callback.Id, leaseLeft);
                unsent.TryWrite(new(callback, TimeSpan.Zero));
                continue;
            }
            var destination = DestinationPauses.DestinationOf(callback.Address);
            if (!pauses.TryEnter(destination, now, out var pausedUntil))
            {
                // Its destination keeps failing: put off unattempted, unless its retry window closed meanwhile.
                if (_retry.IsPastWindow(callback.WindowStartedAt, now))
                    finished.TryWrite(CallbackOutcome.DeadLettered(callback, CallbackAttemptResult.Unreachable($"gave up when the retry window closed; {destination} is paused after failing")));
                else
                    unsent.TryWrite(new(callback, pausedUntil - now));
                continue;
            }
            try
            {
                finished.TryWrite(await AttemptAsync(callback, destination, window, stoppingToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Cut off by shutdown: given back too. The client may have it already; the same MessageID follows.
                unsent.TryWrite(new(callback, TimeSpan.Zero));
            }
            catch (Exception e)
            {
                // A fault of this host, not of the receiver: counted as a failed attempt, so it is retried with
                // backoff and dead-lettered at the bound instead of stopping this sender.
                finished.TryWrite(Decide(callback, CallbackAttemptResult.Unreachable($"{e.GetType().Name}: {e.Message}"), time.GetUtcNow().UtcDateTime));
            }
        }
    }

    private async Task<CallbackOutcome> AttemptAsync(CallbackMessage callback, string destination, ClaimWindow window, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginCallbackScope(callback.Id, callback.CorrelationId);
        using var activity = DuplexBusDiagnostics.Source.StartActivity("callback send", ActivityKind.Client, CallbackTrace.ParentOf(callback));
        activity?.SetTag("duplexbus.callback.id", callback.Id);
        activity?.SetTag("url.full", callback.Address);
        activity?.SetTag("duplexbus.callback.attempt", callback.Attempts + 1);
        var started = Stopwatch.GetTimestamp();
        var result = await sender.SendAsync(callback, cancellationToken).ConfigureAwait(false);
        var took = Stopwatch.GetElapsedTime(started);
        window.Observe(took);
        var now = time.GetUtcNow().UtcDateTime;
        switch (pauses.Record(destination, result.Kind, now))
        {
            case DestinationChange.Paused:
                logger.DestinationPaused(destination, now + _options.PauseFor, pauses.FailuresOf(destination));
                break;
            case DestinationChange.Resumed:
                logger.DestinationResumed(destination);
                break;
        }
        metrics.CallbackDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("duplexbus.callback.outcome", result.Kind.ToString()));
        activity?.SetTag("duplexbus.callback.outcome", result.Kind.ToString());
        if (result.StatusCode is { } status)
            activity?.SetTag("http.response.status_code", status);
        return Decide(callback, result, now);
    }

    private CallbackOutcome Decide(CallbackMessage callback, CallbackAttemptResult result, DateTime now)
    {
        var attempt = callback.Attempts + 1;
        return result.Kind switch
        {
            CallbackAttemptKind.Delivered => CallbackOutcome.Delivered(callback, result.StatusCode ?? 200, now),
            CallbackAttemptKind.Failed when !_retry.IsExhausted(attempt, callback.WindowStartedAt, now) =>
                CallbackOutcome.Retry(callback, result, _retry.NextAttemptIn(attempt, callback.WindowStartedAt, now, result.RetryAfter, Random.Shared.NextDouble())),
            CallbackAttemptKind.Failed =>
                CallbackOutcome.DeadLettered(callback, result with { Description = $"gave up after {attempt} attempts; last: {result.Description}" }),
            _ => CallbackOutcome.DeadLettered(callback, result),
        };
    }

    /// <summary>Writes outcomes as they finish, batching whatever finished meanwhile into one transaction.</summary>
    private async Task RecordLoopAsync(ChannelReader<CallbackOutcome> finished, ClaimWindow window)
    {
        var batch = new List<CallbackOutcome>(MaxRecordBatch);
        while (await finished.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxRecordBatch && finished.TryRead(out var outcome))
                batch.Add(outcome);
            try
            {
                if (!await TryRecordAsync(batch).ConfigureAwait(false) && batch.Count > 1)
                {
                    // One bad outcome must not cost the others their record: write them one by one.
                    foreach (var outcome in batch)
                        await TryRecordAsync([outcome]).ConfigureAwait(false);
                }
            }
            finally
            {
                window.Released(batch.Count);
            }
        }
    }

    private async Task<bool> TryRecordAsync(List<CallbackOutcome> outcomes)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<CallbackStore>();
            var (recorded, wroteEvents) = await store.RecordAsync(outcomes, CancellationToken.None).ConfigureAwait(false);
            if (wroteEvents)
                outboxSignal.Notify();
            for (var i = 0; i < outcomes.Count; i++)
            {
                if (recorded[i])
                    Report(outcomes[i]);
            }
            return true;
        }
        catch (Exception e)
        {
            // Not recorded: each callback is tried again when its lease ends (same MessageID, so the client can tell).
            logger.RecordFailed(outcomes.Count, e);
            return false;
        }
    }

    private void Report(CallbackOutcome outcome)
    {
        var callback = outcome.Callback;
        var attempt = outcome.Attempts;
        switch (outcome.State)
        {
            case CallbackState.Delivered:
                metrics.CallbacksDelivered.Add(1);
                logger.CallbackDelivered(callback.Id, callback.Address, attempt);
                break;
            case CallbackState.Pending:
                metrics.CallbacksRetried.Add(1);
                logger.CallbackRetry(callback.Id, callback.Address, attempt, outcome.Error ?? "", outcome.DueIn);
                break;
            default:
                metrics.CallbacksDeadLettered.Add(1);
                logger.CallbackDeadLettered(callback.Id, callback.Address, attempt, outcome.Error ?? "");
                break;
        }
    }
}
