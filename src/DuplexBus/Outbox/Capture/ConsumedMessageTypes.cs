using MassTransit;

namespace DuplexBus.Outbox.Capture;

/// <summary>
/// Registers each message type a saga (state machine events included) or consumer of the bus consumes, as the
/// endpoints are configured, so the outbox may carry it: the relay reads back only registered types. A type that is
/// published here but consumed only by other services is declared with <c>OutboxMessage&lt;T&gt;()</c>.
/// </summary>
internal sealed class ConsumedMessageTypes(MessageTypeMap types) : IConsumerConfigurationObserver, ISagaConfigurationObserver
{
    public void ConsumerConfigured<TConsumer>(IConsumerConfigurator<TConsumer> configurator)
        where TConsumer : class
    {
    }

    public void ConsumerMessageConfigured<TConsumer, TMessage>(IConsumerMessageConfigurator<TConsumer, TMessage> configurator)
        where TConsumer : class
        where TMessage : class => types.Register(typeof(TMessage));

    public void SagaConfigured<TSaga>(ISagaConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
    {
    }

    public void StateMachineSagaConfigured<TInstance>(ISagaConfigurator<TInstance> configurator, SagaStateMachine<TInstance> stateMachine)
        where TInstance : class, ISaga, SagaStateMachineInstance
    {
    }

    public void SagaMessageConfigured<TSaga, TMessage>(ISagaMessageConfigurator<TSaga, TMessage> configurator)
        where TSaga : class, ISaga
        where TMessage : class => types.Register(typeof(TMessage));
}
