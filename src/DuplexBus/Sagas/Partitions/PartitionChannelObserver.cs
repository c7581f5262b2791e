using System.Collections.Concurrent;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client;

namespace DuplexBus.Sagas.Partitions;

/// <summary>
/// Remembers the channel a partition's messages arrive on, so that giving the partition back can close it: see
/// <see cref="SagaPartitionEndpoints{TSaga}.StopAsync"/>. It learns the channel as each delivery is dispatched, before
/// the message is read: on a host fresh from start, the first message can take a while to reach the saga (its code is
/// still being compiled) while the broker keeps filling the prefetch.
/// </summary>
internal sealed class PartitionChannelObserver(string queue, ConcurrentDictionary<string, IChannel> channels) : IReceiveObserver
{
    public Task PreReceive(ReceiveContext context)
    {
        if (context.TryGetPayload<ChannelContext>(out var channel))
            channels[queue] = channel.Channel;
        return Task.CompletedTask;
    }

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;
}
