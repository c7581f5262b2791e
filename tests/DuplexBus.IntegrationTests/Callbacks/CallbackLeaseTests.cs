using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A host that holds many callbacks behind a receiver that never answers does not send one whose lease has run
/// out (or would, before the attempt's timeout): a second host may have claimed it since, and the two attempts
/// would overlap. Here the first host opens its claim window on a fast receiver, then claims every callback for a
/// hanging one; a second host starts once the first cannot send all it holds within their leases. No callback may
/// ever be in two attempts at once.
/// </summary>
[Collection(nameof(FaultServers))]
public sealed class CallbackLeaseTests(UnpausedCallbackHostFixture fixture) : IClassFixture<UnpausedCallbackHostFixture>
{
    private const int Fast = 60;
    private const int Hanging = 40;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5); // the fixture's attempt timeout

    // The receiver sees when a request arrives, not when the sender started the attempt (and its timeout). On a loaded
    // machine the first attempt can arrive a second after it started, so two attempts that followed each other
    // correctly can arrive less than a timeout apart. An attempt sent on a live lease starts anywhere in the first
    // one's 5 s, so most such overlaps still fall inside the 3.5 s this leaves.
    private static readonly TimeSpan ArrivalSkew = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public async Task Attempts_of_one_callback_never_overlap_when_a_second_host_takes_over_expired_leases()
    {
        await using var fast = await CallbackReceiver.StartAsync();
        await using var hanging = await CallbackReceiver.StartAsync();
        hanging.AnswerWith(CallbackAnswer.Hang);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);

        for (var i = 0; i < Fast; i++)
            await client.StartWorkAsync(Guid.NewGuid(), 1, fast.Address);
        await fast.WaitForAsync(Fast, TimeSpan.FromSeconds(60));
        for (var i = 0; i < Hanging; i++)
            await client.StartWorkAsync(Guid.NewGuid(), 1, hanging.Address);
        await Eventually.Until(() => fixture.CountCallbacksToAsync(hanging.Address, "state = 0 AND lease_id IS NOT NULL"), n => n == Hanging, TimeSpan.FromSeconds(30), "the first host holds every callback for the hanging receiver");
        await Eventually.Until(
            () => fixture.CountCallbacksToAsync(hanging.Address, "state = 0 AND ((lease_id IS NOT NULL AND next_attempt_at < now()) OR (lease_id IS NULL AND attempts = 0))"),
            n => n >= 8,
            TimeSpan.FromSeconds(30),
            "the first host holds callbacks it can no longer send within their leases, or gave them back");
        await using var second = await HostProcess.StartAsync(fixture.Options());
        var requests = await hanging.WaitForAsync(r => r.Count >= 2 * Hanging, TimeSpan.FromSeconds(90), $"{2 * Hanging} attempts reached the hanging receiver");

        var overlaps = requests
            .GroupBy(r => r.MessageId())
            .SelectMany(attempts => attempts.OrderBy(a => a.ReceivedAt).Zip(attempts.OrderBy(a => a.ReceivedAt).Skip(1)))
            .Where(pair => pair.Second.ReceivedAt - pair.First.ReceivedAt < Timeout - ArrivalSkew)
            .Select(pair => $"{pair.First.MessageId()} at {pair.First.ReceivedAt:HH:mm:ss.fff} and {pair.Second.ReceivedAt:HH:mm:ss.fff}")
            .ToList();
        Assert.True(overlaps.Count == 0, $"attempts of one callback overlapped: {string.Join("; ", overlaps)}");
    }
}
