using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;

namespace DuplexBus.Demo;

/// <summary>
/// One WCF reliable session to the WorkService: WS-RM 1.1, ordered, SOAP 1.2 with WS-Addressing 1.0 over HTTP —
/// what an unchanged .NET client with a CustomBinding sends. Every call goes over the same sequence.
/// </summary>
public sealed class WorkServiceClient : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly ChannelFactory<IWorkService> _factory;
    private readonly IWorkService _service;

    private WorkServiceClient(ChannelFactory<IWorkService> factory, IWorkService service)
    {
        _factory = factory;
        _service = service;
    }

    private IClientChannel Channel => (IClientChannel)_service;

    /// <summary>Opens the session: the WS-RM CreateSequence exchange happens here.</summary>
    public static async Task<WorkServiceClient> OpenAsync(Uri service)
    {
        var binding = new CustomBinding(
            new ReliableSessionBindingElement(ordered: true) { ReliableMessagingVersion = ReliableMessagingVersion.WSReliableMessaging11 },
            new TextMessageEncodingBindingElement(MessageVersion.Soap12WSAddressing10, Encoding.UTF8),
            new HttpTransportBindingElement())
        {
            OpenTimeout = CallTimeout,
            SendTimeout = CallTimeout,
            CloseTimeout = CallTimeout,
        };
        var factory = new ChannelFactory<IWorkService>(binding, new EndpointAddress(service));
        var client = new WorkServiceClient(factory, factory.CreateChannel());
        try
        {
            await Task.Factory.FromAsync(client.Channel.BeginOpen, client.Channel.EndOpen, null).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>StartWork with a .NET 4 CallbackContext header naming <paramref name="callback"/>.</summary>
    public void StartWorkWithCallbackContext(Guid instanceId, int steps, Uri callback)
    {
        using var scope = new OperationContextScope(Channel);
        OperationContext.Current.OutgoingMessageHeaders.Add(new CallbackContextHeader(callback, instanceId));
        _service.StartWork(instanceId, steps);
    }

    /// <summary>StartWork with a WS-Addressing ReplyTo naming <paramref name="callback"/>.</summary>
    public void StartWorkWithReplyTo(Guid instanceId, int steps, Uri callback)
    {
        using var scope = new OperationContextScope(Channel);
        OperationContext.Current.OutgoingMessageHeaders.ReplyTo = new EndpointAddress(callback);
        _service.StartWork(instanceId, steps);
    }

    public void AddItem(Guid instanceId, int index, string value) => _service.AddItem(instanceId, index, value);

    public WorkStatus GetStatus(Guid instanceId) => _service.GetStatus(instanceId);

    /// <summary>Drops the session at once (a blocked call fails): for Ctrl+C.</summary>
    public void Abort()
    {
        Channel.Abort();
        _factory.Abort();
    }

    /// <summary>Closes the session cleanly (the last message and TerminateSequence); aborts it if that fails.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Channel.State == CommunicationState.Opened)
                await Task.Factory.FromAsync(Channel.BeginClose, Channel.EndClose, null).ConfigureAwait(false);
            else
                Channel.Abort();
        }
        catch (Exception e) when (e is CommunicationException or TimeoutException)
        {
            Channel.Abort();
        }

        try
        {
            if (_factory.State == CommunicationState.Opened)
                await Task.Factory.FromAsync(_factory.BeginClose, _factory.EndClose, null).ConfigureAwait(false);
            else
                _factory.Abort();
        }
        catch (Exception e) when (e is CommunicationException or TimeoutException)
        {
            _factory.Abort();
        }
    }
}
