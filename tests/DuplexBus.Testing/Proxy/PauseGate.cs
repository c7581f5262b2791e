namespace DuplexBus.Testing.Proxy;

/// <summary>Holds callers while paused and releases them all on resume.</summary>
internal sealed class PauseGate
{
    private readonly Lock gate = new();
    private TaskCompletionSource? paused;
    private int held;

    /// <summary>Callers waiting right now.</summary>
    public int Held => Volatile.Read(ref held);

    public void Pause()
    {
        lock (gate)
        {
            paused ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Resume()
    {
        TaskCompletionSource? release;
        lock (gate)
        {
            release = paused;
            paused = null;
        }

        release?.TrySetResult();
    }

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (gate)
        {
            if (paused is null)
                return;
            wait = paused.Task;
        }

        Interlocked.Increment(ref held);
        try
        {
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref held);
        }
    }
}
