using DuplexBus.Edge;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Edge.Sessions;
using DuplexBus.Protocol.Soap;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DuplexBus.Tests.Edge.Sessions;

/// <summary>The group commit's queue is bounded: past it, senders wait for room instead of growing the host.</summary>
public sealed class GroupCommitQueueTests
{
    private static GroupCommitItem Item(long number) =>
        new(new SequenceHeader("urn:uuid:s", number, LastMessage: false), RmVersion.V11, SoapVersion.Soap12, AddressingVersion.V10,
            RmCaller.Of("/services/work", null, "127.0.0.1"), new ContractPayload("urn:message:M", "{}"));

    // Not started: nothing takes items off the queue, so what it holds is what it let in.
    private static GroupCommit Stopped(int capacity) =>
        new(null!, null!, null!, Options.Create(new RmLimits()), Options.Create(new EdgeOptions { MaxGroupCommitQueue = capacity }), TimeProvider.System, NullLogger<GroupCommit>.Instance);

    [Fact]
    public async Task A_sender_beyond_the_queue_bound_waits_for_room_and_can_give_up()
    {
        using var commit = Stopped(capacity: 2);
        using var gaveUp = new CancellationTokenSource();

        var first = commit.SubmitAsync(Item(1), CancellationToken.None);
        var second = commit.SubmitAsync(Item(2), CancellationToken.None);
        var third = commit.SubmitAsync(Item(3), gaveUp.Token);

        Assert.Equal(2, commit.Queued);
        Assert.False(third.IsCompleted);
        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, commit.Queued);
        Assert.False(first.IsCompleted || second.IsCompleted);
    }
}
