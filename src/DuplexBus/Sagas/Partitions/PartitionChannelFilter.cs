using System.Collections.Concurrent;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client;

namespace DuplexBus.Sagas.Partitions;

/// <summary>
/// Remembers the channel a partition consumes on, so that giving the partition back can close it: see
/// <see cref="SagaPartitionEndpoints{TSaga}.StopAsync"/>. It sits in the endpoint's channel pipe, ahead of the
/// consumer: the channel is known before the first delivery, also when a partition is given back before any message
/// reached the saga (two hosts starting together), and again each time the endpoint opens a new channel.
/// </summary>
internal sealed class PartitionChannelFilter(string queue, ConcurrentDictionary<string, IChannel> channels) : IFilter<ChannelContext>
{
    public Task Send(ChannelContext context, IPipe<ChannelContext> next)
    {
        channels[queue] = context.Channel;
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("duplexbus-partition-channel");
}
