using System.ServiceModel;
using System.ServiceModel.Channels;
using DuplexBus.Samples.ServiceContracts.Orders;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Orders;

/// <summary>A real WCF client channel of the sample's own <see cref="IOrderService"/> contract; closed (or aborted) on dispose.</summary>
public sealed class OrderClient : IDisposable
{
    public const string Path = "/services/orders";

    private readonly ChannelFactory<IOrderService> _factory;

    public OrderClient(Uri hostAddress, Binding binding)
    {
        _factory = new ChannelFactory<IOrderService>(binding, new EndpointAddress(new Uri(hostAddress, Path)));
        Channel = _factory.CreateChannel();
    }

    public IOrderService Channel { get; }

    public IClientChannel ClientChannel => (IClientChannel)Channel;

    /// <summary>Polls GetOrder until <paramref name="done"/> holds; OrderNotFound counts as "not yet".</summary>
    public Task<OrderSummary> OrderWhenAsync(Guid orderId, Func<OrderSummary, bool> done, string because, TimeSpan? timeout = null) =>
        Eventually.Until(() => Task.Run(() => Channel.GetOrder(orderId)), done, timeout ?? TimeSpan.FromSeconds(60), because);

    /// <summary>Calls a one-way operation with extra outgoing headers (a ReplyTo, a CallbackContext …) on the message.</summary>
    public Task CallWithHeadersAsync(Action<MessageHeaders> headers, Action<IOrderService> call) =>
        Task.Run(() =>
        {
            using var scope = new OperationContextScope(ClientChannel);
            headers(OperationContext.Current.OutgoingMessageHeaders);
            call(Channel);
        });

    public void Dispose()
    {
        try
        {
            ClientChannel.Close();
            _factory.Close();
        }
        catch (Exception e) when (e is CommunicationException or TimeoutException)
        {
            ClientChannel.Abort();
            _factory.Abort();
        }
    }
}
