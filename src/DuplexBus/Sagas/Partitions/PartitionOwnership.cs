using System.Globalization;
using DuplexBus.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Sagas.Partitions;

/// <summary>
/// Spreads the partitions of every partitioned saga over the live hosts with leases in the database: each host holds
/// its share (partitions ÷ live hosts, rounded up), consumes only what it holds, renews while it lives, hands extras
/// back when a host joins and takes over what a dead host's lapsed leases free.
/// </summary>
/// <remarks>
/// Order never depends on the leases: every partition queue has a single active consumer, so two hosts that both
/// believe they hold one (a host cut off from the database keeps consuming) still apply its messages one at a time,
/// in queue order. The leases only decide where the work runs. A host gives a partition back by stopping its
/// endpoint first (the message in hand finishes) and deleting the lease after.
/// </remarks>
internal sealed class PartitionOwnership(
    IEnumerable<ISagaPartitionEndpoints> sagas,
    PartitionLeaseStore store,
    BusReadiness readiness,
    IOptions<PartitionOwnershipOptions> options,
    TimeProvider time,
    ILogger<PartitionOwnership> logger) : BackgroundService
{
    private readonly PartitionOwnershipOptions _options = options.Value;
    // Known once the bus has started: only then do the sagas know whether the transport partitions them.
    private ISagaPartitionEndpoints[] _sagas = [];

    /// <summary>This process, as the leases name it.</summary>
    public string Owner { get; } = Truncate(string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}/{Environment.ProcessId}/{Environment.MachineName}"));

    private static string Truncate(string owner) => owner.Length <= 256 ? owner : owner[..256];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReady.WaitAsync(stoppingToken).ConfigureAwait(false);
            _sagas = sagas.Where(s => s.Queues.Count > 0).ToArray();
            if (_sagas.Length == 0)
                return;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await BalanceAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database is away: keep consuming what we have; the single active consumer keeps order.
                    logger.LeaseRoundFailed(e);
                }
                await Task.Delay(_options.RenewInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_sagas.Length == 0)
            return;
        try
        {
            // The bus stops its endpoints after this; giving the leases back now lets the others take over at once.
            await store.LeaveAsync(Owner).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LeaseRoundFailed(e);
        }
    }

    /// <summary>One round: say we live, renew, take or give back to reach our share, start and stop to match.</summary>
    internal async Task BalanceAsync()
    {
        var (now, liveHosts, renewed) = await store.RoundAsync(Owner, _options.LeaseDuration).ConfigureAwait(false);
        var expires = now + _options.LeaseDuration;
        var live = Math.Max(1, liveHosts);
        var held = renewed.ToHashSet(StringComparer.Ordinal);
        foreach (var saga in _sagas)
        {
            var share = (saga.Queues.Count + live - 1) / live;
            var mine = saga.Queues.Where(held.Contains).ToList();
            foreach (var queue in Rotated(saga.Queues.Where(q => !held.Contains(q)).ToList()))
            {
                if (mine.Count >= share)
                    break;
                if (await store.TryClaimAsync(queue, Owner, expires, now).ConfigureAwait(false))
                    mine.Add(queue);
            }
            foreach (var extra in mine.Skip(share).ToList())
            {
                await saga.StopAsync(extra).ConfigureAwait(false);
                await store.ReleaseAsync(extra, Owner).ConfigureAwait(false);
                mine.Remove(extra);
            }
            foreach (var queue in saga.Queues)
            {
                if (mine.Contains(queue) && !saga.IsConnected(queue))
                    await saga.ConnectAsync(queue).ConfigureAwait(false);
                else if (!mine.Contains(queue) && saga.IsConnected(queue))
                    await saga.StopAsync(queue).ConfigureAwait(false);
            }
            logger.PartitionsHeld(Owner, mine.Count, saga.Queues.Count, live);
        }
    }

    // Hosts start their search for free partitions at different places, so they rarely race for the same one.
    private List<string> Rotated(List<string> queues)
    {
        if (queues.Count == 0)
            return queues;
        var start = (int)((uint)StringComparer.Ordinal.GetHashCode(Owner) % (uint)queues.Count);
        return [.. queues.Skip(start), .. queues.Take(start)];
    }
}
