namespace DuplexBus.Testing;

/// <summary>Runs control operations on a server or process one at a time.</summary>
internal static class GateExtensions
{
    public static async Task RunAsync(this SemaphoreSlim gate, Func<Task> operation, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await operation().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
