using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Callbacks;

public sealed partial class CallbackDispatcher
{
    /// <summary>
    /// Gives back, in batches, the callbacks this host claimed and will not attempt now, so they are due for any
    /// dispatcher when each says rather than when their leases end: a rolling restart does not hold callbacks back
    /// for a lease, and a paused destination's callbacks wait out the pause without holding a place in the window.
    /// </summary>
    private async Task ReleaseLoopAsync(ChannelReader<CallbackGiveBack> unsent, ClaimWindow window)
    {
        var batch = new List<CallbackGiveBack>(MaxRecordBatch);
        while (await unsent.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxRecordBatch && unsent.TryRead(out var callback))
                batch.Add(callback);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<CallbackStore>();
                var released = await store.ReleaseAsync(batch, CancellationToken.None).ConfigureAwait(false);
                logger.CallbacksGivenBack(batch.Count, released);
            }
            catch (Exception e)
            {
                // Not given back: they come back when their leases end, as after a crash.
                logger.GiveBackFailed(batch.Count, e);
            }
            finally
            {
                window.Released(batch.Count);
            }
        }
    }
}
