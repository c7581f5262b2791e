using System.Globalization;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// A client that is busy says so (429, 503, 408, 425), often with <c>Retry-After</c>: the callback is tried again,
/// and not before the time the client named, even when that is longer than the host's own backoff
/// (<c>MaxRetryDelay</c> is 1 s here). A 5xx that carries a SOAP fault is retried too, and its record says so.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackRetryAfterTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_callback_answered_with_Retry_After_in_seconds_is_tried_again_not_before_it(int status)
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(number => number == 1 ? CallbackAnswer.RetryAfter(status, "3") : CallbackAnswer.Accepted);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 1, receiver.Address);

        await client.DeliveredAsync(instance);
        var attempts = receiver.Requests;
        Assert.Equal([status, 202], attempts.Select(a => a.AnsweredStatus));
        var waited = attempts[1].ReceivedAt - attempts[0].ReceivedAt;
        Assert.True(waited >= TimeSpan.FromSeconds(3), $"the second attempt came {waited} after the first, before Retry-After: 3");
    }

    [Fact]
    public async Task A_callback_answered_503_with_an_HTTP_date_Retry_After_is_tried_again_not_before_that_date()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        DateTimeOffset? notBefore = null;
        receiver.AnswerWith(number =>
        {
            if (number > 1)
                return CallbackAnswer.Accepted;
            // HTTP-dates have whole seconds: 4 s from now, rounded down, is at least 3 s away.
            var at = DateTimeOffset.UtcNow.AddSeconds(4);
            notBefore = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
            return CallbackAnswer.RetryAfter(503, notBefore.Value.ToString("r", CultureInfo.InvariantCulture));
        });
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 1, receiver.Address);

        await client.DeliveredAsync(instance);
        var attempts = receiver.Requests;
        Assert.Equal([503, 202], attempts.Select(a => a.AnsweredStatus));
        Assert.True(attempts[1].ReceivedAt >= notBefore, $"the second attempt came at {attempts[1].ReceivedAt:HH:mm:ss.fff}, before Retry-After: {notBefore:HH:mm:ss}");
    }

    [Theory]
    [InlineData(408)]
    [InlineData(425)]
    [InlineData(429)]
    public async Task A_callback_answered_with_a_status_that_means_later_is_tried_again_and_delivered(int status)
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(number => number == 1 ? new CallbackAnswer(status) : CallbackAnswer.Accepted);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 1, receiver.Address);

        await client.DeliveredAsync(instance);
        Assert.Equal([status, 202], receiver.Requests.Select(a => a.AnsweredStatus));
        Assert.Equal(2, (await fixture.CallbacksOfAsync(instance)).Single().Attempts);
    }

    [Fact]
    public async Task A_callback_answered_500_with_a_SOAP_fault_is_retried_and_delivered()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(number => number <= 2 ? CallbackAnswer.SoapFault : CallbackAnswer.Accepted);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 1, receiver.Address);

        await client.DeliveredAsync(instance);
        Assert.Equal([500, 500, 202], receiver.Requests.Select(a => a.AnsweredStatus));
        var stored = (await fixture.CallbacksOfAsync(instance)).Single();
        Assert.Equal(StoredCallbackState.Delivered, stored.State);
        Assert.Equal(3, stored.Attempts);
    }
}
