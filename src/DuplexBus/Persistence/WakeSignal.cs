using System.Threading.Channels;

namespace DuplexBus.Persistence;

/// <summary>
/// Wakes a background worker as soon as a commit gave it work, so it need not poll fast to be fast. Wake-ups while
/// one is pending collapse into one.
/// </summary>
public abstract class WakeSignal
{
    private readonly Channel<byte> _wakeups = Channel.CreateBounded<byte>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _wakeups.Writer.TryWrite(0);

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wakeups.Reader.ReadAsync(timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look for rows committed by other processes or left by a crash.
        }
    }
}
