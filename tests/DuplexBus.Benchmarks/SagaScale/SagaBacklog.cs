using System.Text.Json.Nodes;
using DuplexBus.Benchmarks.Work;
using DuplexBus.Testing;
using Npgsql;
using RabbitMQ.Client;

namespace DuplexBus.Benchmarks.SagaScale;

/// <summary>
/// A backlog of AddItem messages put straight into the saga's partition queues while no host runs, so the saga, not
/// the relay, sets the pace once a host starts. Each copy is made from the message the relay published for a real
/// request (tapped off the AddItem exchange), with its ids, instance and index changed; it is published to that
/// exchange with the instance as routing key, as the relay does, so the consistent-hash exchange picks its partition.
/// </summary>
internal sealed class SagaBacklog
{
    /// <summary>The exchange MassTransit publishes AddItem to (its message type's name).</summary>
    public const string AddItemExchange = "DuplexBus.Samples.Contracts:AddItem";

    private static readonly TimeSpan TapTimeout = TimeSpan.FromSeconds(30);

    private readonly JsonObject _envelope;
    private readonly JsonObject _message;
    private readonly BasicProperties _properties;

    private SagaBacklog(JsonObject envelope, JsonObject message, BasicProperties properties)
    {
        _envelope = envelope;
        _message = message;
        _properties = properties;
    }

    /// <summary>Sends one AddItem through the running host (and waits until it is applied) and keeps the message the relay published for it.</summary>
    public static async Task<SagaBacklog> CaptureAsync(HostProcess host, string amqpUri, NpgsqlDataSource dataSource)
    {
        // A ready host may not have declared the partitions yet (nor, with their bindings, the AddItem exchange); once
        // an item has been applied it has.
        await AppliedItem.SendAsync(host, dataSource);
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var tap = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(tap, AddItemExchange, "");
        await AppliedItem.SendAsync(host, dataSource);

        var deadline = DateTime.UtcNow + TapTimeout;
        BasicGetResult? tapped;
        while ((tapped = await channel.BasicGetAsync(tap, autoAck: true)) is null)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Nothing was published to {AddItemExchange} within {TapTimeout.TotalSeconds:F0} s of an AddItem.");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        var text = System.Text.Encoding.UTF8.GetString(tapped.Body.Span);
        return JsonNode.Parse(text) is JsonObject envelope && envelope["message"] is JsonObject message && message.ContainsKey("instanceId") && message.ContainsKey("index")
            ? new SagaBacklog(envelope, message, new BasicProperties(tapped.BasicProperties))
            : throw new InvalidOperationException($"The AddItem published by the relay has another shape than expected: {text}");
    }

    /// <summary>
    /// Publishes items 1..<paramref name="itemsPerInstance"/> of every instance: item n of all instances at once, and
    /// item n + 1 only once the broker confirmed all of them, so each instance's items are queued in order.
    /// </summary>
    public async Task PublishAsync(string amqpUri, IReadOnlyList<Guid> instances, int itemsPerInstance)
    {
        ArgumentNullException.ThrowIfNull(instances);
        await using var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        for (var index = 1; index <= itemsPerInstance; index++)
            await Task.WhenAll(instances.Select(instance => PublishAsync(channel, instance, index)));
    }

    // Everything up to BasicPublishAsync runs before the caller starts the next one: the shared envelope is written
    // into this message's bytes before it is changed for the next.
    private async Task PublishAsync(IChannel channel, Guid instance, int index)
    {
        var messageId = Guid.NewGuid();
        _message["instanceId"] = instance;
        _message["index"] = index;
        _envelope["messageId"] = messageId;
        _envelope["correlationId"] = instance;
        var body = System.Text.Encoding.UTF8.GetBytes(_envelope.ToJsonString());
        var properties = new BasicProperties(_properties) { MessageId = messageId.ToString(), CorrelationId = instance.ToString() };
        await channel.BasicPublishAsync(AddItemExchange, instance.ToString("N"), mandatory: true, properties, body);
    }
}
