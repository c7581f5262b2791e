using System.Collections.Concurrent;
using MassTransit;
using MassTransit.RabbitMqTransport;
using RabbitMQ.Client;

namespace DuplexBus.Sagas.Partitions;

/// <summary>
/// Remembers the channel a partition's messages arrive on, so that giving the partition back can close it: see
/// <see cref="SagaPartitionEndpoints{TSaga}.StopAsync"/>.
/// </summary>
internal sealed class PartitionChannelFilter(string queue, ConcurrentDictionary<string, IChannel> channels) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (context.ReceiveContext.TryGetPayload<ChannelContext>(out var channel))
            channels[queue] = channel.Channel;
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("duplexbus-partition-channel");
}
