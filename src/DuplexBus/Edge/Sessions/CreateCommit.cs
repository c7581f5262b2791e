using System.Threading.Channels;
using DuplexBus.Persistence;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// Group commit for CreateSequence: whatever arrived while the previous transaction was committing takes its places
/// under the limits and is written in the next one, and every sender is answered after that commit. Admission has to
/// hold the global bound of open sequences (see <see cref="OpenSequenceCounts"/>) until commit, so creates commit
/// one transaction at a time across all hosts; one commit for many creates is what lets that single row keep up.
/// Senders wait for room while <see cref="EdgeOptions.MaxGroupCommitQueue"/> creates are queued.
/// </summary>
internal sealed partial class CreateCommit(
    IServiceScopeFactory scopes,
    IDatabaseDialect dialect,
    IOptions<RmLimits> limits,
    IOptions<EdgeOptions> edge,
    ILogger<CreateCommit> logger) : BackgroundService
{
    private readonly Channel<CreateCommitItem> _pending = Channel.CreateBounded<CreateCommitItem>(
        new BoundedChannelOptions(edge.Value.MaxGroupCommitQueue) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly RmLimits _limits = limits.Value;

    /// <summary>Queues a CreateSequence for the next commit; see <see cref="CreateCommitItem"/> for the outcome.</summary>
    public async Task<RmDecision?> SubmitAsync(CreateCommitItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _pending.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e)
        {
            throw new InvalidOperationException("The create commit has stopped.", e);
        }
        return await item.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits one CreateSequence in a transaction of its own (group commit off).</summary>
    public async Task<RmDecision?> CommitAloneAsync(CreateCommitItem item, CancellationToken cancellationToken)
    {
        await CommitOrIsolateAsync([item], cancellationToken).ConfigureAwait(false);
        return await item.Done.Task.ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<CreateCommitItem>(_limits.MaxGroupCommit);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _limits.MaxGroupCommit && _pending.Reader.TryRead(out var item))
                    batch.Add(item);
                await CommitOrIsolateAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _pending.Writer.TryComplete();
            while (_pending.Reader.TryRead(out var left))
                left.Done.TrySetCanceled(stoppingToken);
        }
    }

    /// <summary>
    /// Commits the batch together. A MessageID already taken (by a copy in the same batch, or one committed meanwhile
    /// by another host) fails the whole insert: then each is committed alone, and the one whose MessageID is taken
    /// is answered with the stored sequence.
    /// </summary>
    private async Task CommitOrIsolateAsync(List<CreateCommitItem> batch, CancellationToken cancellationToken)
    {
        try
        {
            await CommitAsync(batch, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (batch.Count == 1 && dialect.IsUniqueViolation(e))
        {
            batch[0].Done.TrySetResult(null);
            return;
        }
        catch (Exception e) when (batch.Count > 1 && !TransientFailure.Is(e) && !cancellationToken.IsCancellationRequested)
        {
            CreatesIsolating(logger, batch.Count, e);
        }
        catch (Exception e)
        {
            CreatesFailed(logger, batch.Count, e);
            foreach (var item in batch)
                item.Done.TrySetException(e);
            return;
        }

        foreach (var item in batch)
            await CommitOrIsolateAsync([item], cancellationToken).ConfigureAwait(false);
    }

    private async Task CommitAsync(List<CreateCommitItem> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = DuplexBusDatabase.Get(scope.ServiceProvider);
        var store = new RmSessionStore(db, dialect);
        var counts = new OpenSequenceCounts(db);

        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        await counts.TakeAsync(batch.Select(i => i.Context.Caller.Client), _limits, cancellationToken).ConfigureAwait(false);
        var decisions = new RmDecision[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var (context, client) = (batch[i].Context, batch[i].Context.Caller.Client);
            var (all, forClient) = counts.Open(client);
            decisions[i] = RmDestination.Create(batch[i].Request, context with { OpenSequences = all, OpenForClient = forClient });
            if (decisions[i].State is { } created)
            {
                store.Save(created);
                counts.Admitted(client);
            }
        }
        await counts.SaveAsync(cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < batch.Count; i++)
            batch[i].Done.TrySetResult(decisions[i]);
    }

    [LoggerMessage(1104, LogLevel.Debug, "A create commit of {Count} CreateSequences failed on one of them; committing each alone")]
    private static partial void CreatesIsolating(ILogger logger, int count, Exception exception);

    [LoggerMessage(1103, LogLevel.Warning, "A create commit of {Count} CreateSequences failed; they are not answered and will be resent")]
    private static partial void CreatesFailed(ILogger logger, int count, Exception exception);
}
