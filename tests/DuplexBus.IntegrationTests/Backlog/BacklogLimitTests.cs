using System.Diagnostics;
using System.Net;
using DuplexBus.IntegrationTests.Durability;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Sagas;
using DuplexBus.IntegrationTests.Skeleton;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Backlog;

/// <summary>
/// The edge does not run away from the consumers behind it: once the queues it feeds hold more than the backlog limit,
/// new one-way messages wait at the edge, and go ahead as soon as the consumers catch up. Nothing is refused or lost.
/// </summary>
[Collection(nameof(FaultServers))]
public sealed class BacklogLimitTests(BacklogLimitedHostFixture fixture) : IClassFixture<BacklogLimitedHostFixture>
{
    private const string Action = "urn:duplexbus:samples/WorkService/AddItem";

    [Fact]
    public async Task Messages_wait_at_the_edge_while_the_saga_queue_is_over_the_limit_and_go_ahead_once_it_drains()
    {
        var instance = Guid.NewGuid();
        using var first = new ResendingClient(fixture.Host.BaseAddress);
        using var reader = new WorkClient(fixture.Host.BaseAddress, ClientBinding.Basic);
        await first.AddItemsAsync(instance, 1, 1, TimeSpan.FromSeconds(60));
        await reader.StatusWhenAsync(instance, s => s.ItemCount == 1, "the instance exists");

        // Its row locked, the saga's only partition stops: everything sent from now on queues at the broker.
        await using var holding = await WorkStateRowLock.HoldAsync(fixture.ConnectionString, instance);

        // One item after another, as an ordered client sends them; each answer is timed.
        const int items = 2 * (BacklogLimitedHostFixture.Limit + BacklogLimitedHostFixture.Prefetch);
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var accepted = 1;
        var answerTimes = new List<TimeSpan>();
        var sending = Task.Run(async () =>
        {
            for (var index = 2; index <= items; index++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("/services/work", RawSoap.Content(Envelope(instance, index), soap12: true));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                lock (answerTimes)
                    answerTimes.Add(Stopwatch.GetElapsedTime(started));
                Volatile.Write(ref accepted, index);
            }
        });

        await Eventually.Until(
            () => Task.FromResult(fixture.Host.Output.Contains("the edge holds new one-way messages back", StringComparison.Ordinal)),
            closed => closed || sending.IsCompleted, TimeSpan.FromSeconds(60), "the host holding messages back");
        Assert.False(sending.IsCompleted, "every item was accepted at once while the saga could not apply any");

        // A message arriving now is held for as long as the queue stays over the limit. There is no event to wait
        // for here: the point is that nothing happens, so the test watches for a fixed two seconds.
        var acceptedWhileHeld = Volatile.Read(ref accepted);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(sending.IsCompleted);
        Assert.InRange(Volatile.Read(ref accepted) - acceptedWhileHeld, 0, 1);
        Assert.InRange(acceptedWhileHeld, BacklogLimitedHostFixture.Limit, items - 1);

        // The lock goes, the saga drains its queue, and the held message and the rest go through well within MaxWait.
        var released = Stopwatch.GetTimestamp();
        await holding.ReleaseAsync();
        await sending.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(Stopwatch.GetElapsedTime(released) < BacklogLimitedHostFixture.MaxWait, "the held messages waited for MaxWait, not for the queue to drain");
        Assert.Contains("the edge takes messages without holding them", fixture.Host.Output, StringComparison.Ordinal);

        var status = await reader.StatusWhenAsync(instance, s => s.ItemCount >= items, "every item applied");
        await fixture.WaitQuietAsync();
        status = reader.Channel.GetStatus(instance);
        Assert.Equal(items, status.ItemCount);
        Assert.Equal(items, status.LastIndex);
        Assert.True(status.InOrder, status.ToString());
        Assert.Contains(answerTimes, t => t > TimeSpan.FromSeconds(2));
    }

    private static string Envelope(Guid instance, int index) =>
        $"<s:Envelope xmlns:s=\"{RawSoap.Soap12}\" xmlns:a=\"{RawSoap.Wsa10}\"><s:Header><a:Action s:mustUnderstand=\"1\">{Action}</a:Action>"
        + $"<a:MessageID>urn:uuid:{Guid.NewGuid()}</a:MessageID></s:Header><s:Body>{RawSoap.AddItem(instance, index)}</s:Body></s:Envelope>";
}
