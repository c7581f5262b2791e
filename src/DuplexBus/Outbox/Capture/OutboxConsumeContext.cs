using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware.Outbox;

namespace DuplexBus.Outbox.Capture;

/// <summary>
/// The consume context a saga or consumer sees: <c>Publish</c>, <c>Send</c> and <c>GetSendEndpoint</c> write to the
/// <see cref="PendingOutbox"/> instead of the broker. Everything else is the message's own context.
/// </summary>
internal sealed class OutboxConsumeContext<TMessage> : ConsumeContextProxy<TMessage>
    where TMessage : class
{
    public OutboxConsumeContext(ConsumeContext<TMessage> context, PendingOutbox outbox)
        : base(context)
    {
        var receive = new OutboxReceive(context.ReceiveContext, outbox);
        ReceiveContext = receive;
        PublishEndpointProvider = receive.PublishEndpointProvider;
    }

    private sealed class OutboxReceive(ReceiveContext context, PendingOutbox outbox) : ReceiveContextProxy(context)
    {
        public override IPublishEndpointProvider PublishEndpointProvider { get; } = new FaultsToBroker(
            new OutboxPublishEndpointProvider(outbox.Publishes, context.PublishEndpointProvider), context.PublishEndpointProvider);

        public override ISendEndpointProvider SendEndpointProvider { get; } =
            new OutboxSendEndpointProvider(outbox.Sends, context.SendEndpointProvider);
    }

    /// <summary>
    /// A <see cref="Fault{T}"/> reports an attempt that failed, whose transaction is rolled back: held for a commit
    /// that never comes it would be lost, so it goes to the broker at once.
    /// </summary>
    private sealed class FaultsToBroker(IPublishEndpointProvider outbox, IPublishEndpointProvider broker) : IPublishEndpointProvider
    {
        public Task<ISendEndpoint> GetPublishSendEndpoint<T>()
            where T : class =>
            typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(Fault<>)
                ? broker.GetPublishSendEndpoint<T>()
                : outbox.GetPublishSendEndpoint<T>();

        public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => outbox.ConnectPublishObserver(observer);
    }
}
