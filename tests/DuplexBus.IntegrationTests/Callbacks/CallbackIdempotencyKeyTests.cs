using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>
/// Every attempt of one callback carries the same <c>Idempotency-Key</c> HTTP header (the IETF httpapi draft's
/// name), so a receiver can drop duplicates even when the callback is plain SOAP 1.1 without WS-Addressing
/// (BasicHttpBinding), which has no MessageID; on an addressed callback it names the MessageID.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class CallbackIdempotencyKeyTests(FastCallbackHostFixture fixture) : IClassFixture<FastCallbackHostFixture>
{
    private const string Header = "Idempotency-Key";

    [Fact]
    public async Task Every_attempt_of_a_callback_without_addressing_carries_the_same_Idempotency_Key()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(number => number <= 2 ? CallbackAnswer.ServerError : CallbackAnswer.Accepted);
        var instance = Guid.NewGuid();

        var id = await fixture.InsertCallbackAsync(
            receiver.Address, "1.1", "none", $"<WorkCompleted xmlns=\"urn:duplexbus:samples\"><instanceId>{instance}</instanceId></WorkCompleted>");

        await Eventually.Until(() => fixture.StateOfAsync(id), s => s.State == StoredCallbackState.Delivered, TimeSpan.FromSeconds(30), "the callback is delivered");
        var attempts = receiver.Requests;
        Assert.Equal([500, 500, 202], attempts.Select(a => a.AnsweredStatus));
        Assert.All(attempts, a => Assert.Null(a.MessageId()));
        Assert.All(attempts, a => Assert.Equal(CallbackSoap.Soap11 + "Envelope", a.Envelope().Name));
        Assert.All(attempts, a => Assert.Equal($"\"urn:uuid:{id}\"", a.Header(Header)));
    }

    [Fact]
    public async Task An_addressed_callback_carries_its_MessageID_as_Idempotency_Key_on_every_attempt()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(number => number == 1 ? CallbackAnswer.ServerError : CallbackAnswer.Accepted);
        using var client = CallbackClients.Create(fixture.Host.BaseAddress);
        var instance = Guid.NewGuid();

        await client.StartWorkAsync(instance, 1, receiver.Address);

        await client.DeliveredAsync(instance);
        var attempts = receiver.Requests;
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal($"\"{a.MessageId()}\"", a.Header(Header)));
        Assert.Single(attempts.Select(a => a.Header(Header)).Distinct());
    }
}
