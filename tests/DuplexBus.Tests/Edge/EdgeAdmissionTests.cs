using DuplexBus.Diagnostics;
using DuplexBus.Edge;
using DuplexBus.Edge.Backlog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DuplexBus.Tests.Edge;

public sealed class EdgeAdmissionTests
{
    private static EdgeAdmission Admission(int concurrent, int queued, TimeSpan queueTimeout, BacklogGate? backlog = null, TimeSpan? backlogWait = null) =>
        new(
            Options.Create(new EdgeOptions { MaxConcurrentRequests = concurrent, MaxQueuedRequests = queued, QueueTimeout = queueTimeout }),
            backlog ?? new BacklogGate(),
            Options.Create(new BacklogLimitOptions { MaxWait = backlogWait ?? TimeSpan.FromMinutes(1) }),
            TimeProvider.System,
            new DuplexBusMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));

    [Fact]
    public async Task A_message_for_the_outbox_waits_at_a_closed_backlog_gate_without_holding_a_turn_until_it_opens()
    {
        var backlog = new BacklogGate();
        backlog.Close();
        using var admission = Admission(1, 10, TimeSpan.FromMinutes(1), backlog);

        var held = admission.EnterAsync(patient: true, toOutbox: true, CancellationToken.None).AsTask();
        using (var other = await admission.EnterAsync(patient: false, toOutbox: false, CancellationToken.None))
            Assert.NotNull(other);
        Assert.False(held.IsCompleted);

        backlog.Open();
        using var turn = await held.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(turn);
    }

    [Fact]
    public async Task A_message_held_by_the_backlog_gate_goes_ahead_after_the_longest_wait()
    {
        var backlog = new BacklogGate();
        backlog.Close();
        using var admission = Admission(1, 10, TimeSpan.FromMinutes(1), backlog, backlogWait: TimeSpan.FromMilliseconds(50));

        using var turn = await admission.EnterAsync(patient: true, toOutbox: true, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(turn);
        Assert.True(backlog.IsClosed);
    }

    [Fact]
    public async Task A_request_beyond_the_running_and_queued_ones_is_turned_away_at_once()
    {
        using var admission = Admission(1, 1, TimeSpan.FromMinutes(1));
        using var running = await admission.EnterAsync(patient: false, toOutbox: false, CancellationToken.None);
        var queued = admission.EnterAsync(patient: false, toOutbox: false, CancellationToken.None).AsTask();

        var turnedAway = await admission.EnterAsync(patient: false, toOutbox: false, CancellationToken.None);

        Assert.NotNull(running);
        Assert.False(queued.IsCompleted);
        Assert.Null(turnedAway);
        running!.Dispose();
        using var next = await queued.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(next);
    }

    [Fact]
    public async Task A_queued_request_is_turned_away_when_its_wait_runs_out()
    {
        using var admission = Admission(1, 10, TimeSpan.FromMilliseconds(50));
        using var running = await admission.EnterAsync(patient: false, toOutbox: false, CancellationToken.None);

        var waited = await admission.EnterAsync(patient: false, toOutbox: false, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(waited);
    }

    [Fact]
    public async Task A_request_whose_client_went_away_stops_waiting()
    {
        using var admission = Admission(1, 10, TimeSpan.FromMinutes(1));
        using var running = await admission.EnterAsync(patient: false, toOutbox: false, CancellationToken.None);
        using var aborted = new CancellationTokenSource();

        var waiting = admission.EnterAsync(patient: false, toOutbox: false, aborted.Token).AsTask();
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_reliable_session_message_waits_for_a_turn_even_when_the_queue_is_full()
    {
        using var admission = Admission(1, 0, TimeSpan.FromMinutes(1));
        var running = await admission.EnterAsync(patient: false, toOutbox: false, CancellationToken.None);
        var plain = await admission.EnterAsync(patient: false, toOutbox: false, CancellationToken.None);
        var reliable = admission.EnterAsync(patient: true, toOutbox: false, CancellationToken.None).AsTask();

        Assert.Null(plain);
        Assert.False(reliable.IsCompleted);
        running!.Dispose();
        using var turn = await reliable.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(turn);
    }
}
