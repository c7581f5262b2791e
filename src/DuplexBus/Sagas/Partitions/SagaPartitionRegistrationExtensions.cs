using DuplexBus.Outbox;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using DuplexBus.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DuplexBus.Sagas.Partitions;

public static class SagaPartitionRegistrationExtensions
{
    /// <summary>
    /// Applies the saga's messages on <paramref name="partitions"/> queues instead of one, so different instances are
    /// applied in parallel while the messages of one instance stay in order. On RabbitMQ every message type the saga
    /// consumes is bound to a consistent-hash exchange that picks the partition from the message's CorrelationId (the
    /// relay sends it as the routing key): declare it for each of those types with MassTransit's
    /// <c>GlobalTopology.Send.UseCorrelationId&lt;T&gt;(m =&gt; m.InstanceId)</c> (a property named CorrelationId needs
    /// nothing); the host refuses to start when one is missing. Each partition has one consumer at a time (a single
    /// active consumer, one message at a time). Hosts share the partitions through leases in the DuplexBus database
    /// (<see cref="PartitionOwnershipOptions"/>, section <c>DuplexBus:SagaPartitions</c>), so a second host takes half and
    /// a dead host's share moves to the others. Other transports get one endpoint, one message at a time.
    /// </summary>
    /// <param name="endpointName">The partitions' base name; the saga's kebab-case endpoint name when null.</param>
    /// <param name="prefetchCount">
    /// Messages a partition's consumer takes ahead. 1 keeps order through every hand-over: the consumer never holds a
    /// message it has not started, so none can be refused and requeued behind the instance's later messages, whatever
    /// the bus does with a closed channel (it may consume again on a new one before the stop reaches it). More is
    /// faster on a slow link to the broker, and safe only while partitions never move between hosts.
    /// </param>
    public static ISagaRegistrationConfigurator<TSaga> UseDuplexBusPartitions<TSaga>(
        this ISagaRegistrationConfigurator<TSaga> configurator,
        int partitions = 8,
        string? endpointName = null,
        int prefetchCount = 1)
        where TSaga : class, SagaStateMachineInstance
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitions, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(prefetchCount, 1);

        configurator.ExcludeFromConfigureEndpoints();
        var names = new SagaPartitionNames(endpointName ?? KebabCaseEndpointNameFormatter.Instance.Saga<TSaga>(), partitions);
        configurator.Repository(services =>
        {
            services.TryAddSingleton(new SagaPartitionSettings<TSaga>(names, prefetchCount));
            services.TryAddSingleton<SagaPartitionEndpoints<TSaga>>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IBusStartGate, SagaPartitionEndpoints<TSaga>>(
                sp => sp.GetRequiredService<SagaPartitionEndpoints<TSaga>>()));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ISagaPartitionEndpoints, SagaPartitionEndpoints<TSaga>>(
                sp => sp.GetRequiredService<SagaPartitionEndpoints<TSaga>>()));
            services.TryAddSingleton<PartitionLeaseStore>();
            services.AddOptions<PartitionOwnershipOptions>().BindConfiguration("DuplexBus:SagaPartitions").ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartitionOwnershipOptions>, PartitionOwnershipOptionsValidator>());
            services.AddHostedService<PartitionOwnership>();
        });
        return configurator;
    }
}
