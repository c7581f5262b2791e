using System.Collections.Concurrent;
using DuplexBus.Edge.Backlog;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DuplexBus.Tests.Edge.Backlog;

public sealed class BacklogMonitorTests
{
    private const int Limit = 100;

    /// <summary>Answers each count with the value the test set last, and remembers how often it was asked.</summary>
    private sealed class ScriptedQueues : IQueueDepthSource
    {
        private readonly ConcurrentQueue<long?> _answered = new();

        public long? Depth { get; set; }

        public int Counts => _answered.Count;

        public Task<long?> CountAsync(CancellationToken cancellationToken)
        {
            var depth = Depth;
            _answered.Enqueue(depth);
            return Task.FromResult(depth);
        }

        /// <summary>Waits until the monitor has counted <paramref name="depth"/> twice, so it has acted on it.</summary>
        public Task CountedAsync(long? depth) =>
            Until(() => _answered.Count(d => d == depth) >= 2, $"two counts of {depth}");
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(what);
            await Task.Delay(5);
        }
    }

    /// <summary>The system clock, counting the timers set on it.</summary>
    private sealed class CountingTime : TimeProvider
    {
        private int _timers;

        public int Timers => Volatile.Read(ref _timers);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _timers);
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }

    private static async Task<(BacklogGate Gate, ScriptedQueues Queues, BacklogMonitor Monitor)> StartAsync(long? depth, TimeProvider? time = null)
    {
        var gate = new BacklogGate();
        var queues = new ScriptedQueues { Depth = depth };
        var options = Options.Create(new BacklogLimitOptions { MaxQueuedMessages = Limit, PollInterval = TimeSpan.FromMilliseconds(10), MaxWait = TimeSpan.Zero });
        var monitor = new BacklogMonitor(gate, queues, options, time ?? TimeProvider.System, NullLogger<BacklogMonitor>.Instance);
        await monitor.StartAsync(CancellationToken.None);
        return (gate, queues, monitor);
    }

    /// <summary>Keeps messages coming, as a busy edge does, so the monitor keeps counting.</summary>
    private static async Task KeepTakingAsync(BacklogGate gate, Func<Task> until)
    {
        var done = until();
        while (!done.IsCompleted)
        {
            await gate.PassAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None);
            await Task.Delay(2);
        }
        await done;
    }

    [Fact]
    public async Task The_gate_closes_at_the_limit_and_opens_only_below_half_of_it()
    {
        var (gate, queues, monitor) = await StartAsync(10);
        try
        {
            await KeepTakingAsync(gate, () => queues.CountedAsync(10));
            Assert.False(gate.IsClosed);

            queues.Depth = Limit;
            await KeepTakingAsync(gate, () => queues.CountedAsync(Limit));
            Assert.True(gate.IsClosed);

            queues.Depth = Limit / 2;
            await queues.CountedAsync(Limit / 2);
            Assert.True(gate.IsClosed);

            queues.Depth = Limit / 2 - 1;
            await KeepTakingAsync(gate, () => queues.CountedAsync(Limit / 2 - 1));
            Assert.False(gate.IsClosed);
        }
        finally
        {
            await monitor.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Queues_that_cannot_be_counted_open_the_gate()
    {
        var (gate, queues, monitor) = await StartAsync(Limit * 2);
        try
        {
            await KeepTakingAsync(gate, () => queues.CountedAsync(Limit * 2));
            Assert.True(gate.IsClosed);

            queues.Depth = null;
            await KeepTakingAsync(gate, () => queues.CountedAsync(null));
            Assert.False(gate.IsClosed);
        }
        finally
        {
            await monitor.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_idle_edge_sets_no_timer_until_a_message_comes()
    {
        var time = new CountingTime();
        var (gate, queues, monitor) = await StartAsync(10, time);
        try
        {
            // Started means waiting: a timer set now would be set before StartAsync returned.
            Assert.Equal(0, time.Timers);
            Assert.Equal(0, queues.Counts);

            await gate.PassAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None);
            await Until(() => queues.Counts == 1, "the count after a message");
            Assert.True(time.Timers >= 1);
        }
        finally
        {
            await monitor.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task The_gate_tells_the_monitor_once_whether_a_message_came()
    {
        var gate = new BacklogGate();
        Assert.False(gate.TakeIntake());

        Assert.False(await gate.PassAsync(TimeSpan.FromMinutes(1), TimeProvider.System, CancellationToken.None));

        Assert.True(gate.TakeIntake());
        Assert.False(gate.TakeIntake());
    }
}
