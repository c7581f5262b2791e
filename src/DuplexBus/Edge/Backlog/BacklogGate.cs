using System.Threading.Channels;

namespace DuplexBus.Edge.Backlog;

/// <summary>
/// Open while the consumers keep up, closed while their queues are over <see cref="BacklogLimitOptions.MaxQueuedMessages"/>.
/// The edge asks it before a one-way message takes its turn; without a queue-depth source it is always open.
/// </summary>
internal sealed class BacklogGate
{
    private readonly object _sync = new();
    private TaskCompletionSource? _opened;
    private int _intake;
    // The first message after a quiet spell wakes the monitor; the rest only set the flag.
    private readonly Channel<byte> _intakeStarted = Channel.CreateBounded<byte>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public bool IsClosed => Volatile.Read(ref _opened) is not null;

    /// <summary>Whether a message came since the last call: the monitor counts queues only while the edge is busy.</summary>
    public bool TakeIntake() => Interlocked.Exchange(ref _intake, 0) == 1;

    /// <summary>Completes when a message comes after <see cref="TakeIntake"/> found none, so an idle monitor sleeps.</summary>
    public async Task WaitForIntakeAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _intake) == 0)
            await _intakeStarted.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes at once while open; otherwise when the gate opens or <paramref name="maxWait"/> has passed.</summary>
    /// <returns>True when the message was held.</returns>
    public async ValueTask<bool> PassAsync(TimeSpan maxWait, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _intake) == 0 && Interlocked.Exchange(ref _intake, 1) == 0)
            _intakeStarted.Writer.TryWrite(0);
        if (Volatile.Read(ref _opened) is not { } opened)
            return false;
        using var timeout = new CancellationTokenSource(maxWait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        await opened.Task.WaitAsync(either.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    public void Close()
    {
        lock (_sync)
            _opened ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Open()
    {
        TaskCompletionSource? opened;
        lock (_sync)
        {
            opened = _opened;
            _opened = null;
        }
        opened?.TrySetResult();
    }
}
