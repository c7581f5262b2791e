using System.ServiceModel;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>A real WCF client channel to a host's sample service; closed (or aborted) on dispose.</summary>
public sealed class WorkClient : IDisposable
{
    private readonly ChannelFactory<IWorkService> _factory;

    public WorkClient(Uri hostAddress, string binding)
        : this(hostAddress, ClientBinding.Create(binding))
    {
    }

    public WorkClient(Uri hostAddress, System.ServiceModel.Channels.Binding binding)
    {
        _factory = new ChannelFactory<IWorkService>(binding, new System.ServiceModel.EndpointAddress(new Uri(hostAddress, "/services/work")));
        Channel = _factory.CreateChannel();
    }

    public IWorkService Channel { get; }

    /// <summary>Polls GetStatus until <paramref name="done"/> holds.</summary>
    public Task<WorkStatus> StatusWhenAsync(Guid instanceId, Func<WorkStatus, bool> done, string because, TimeSpan? timeout = null) =>
        Eventually.Until(
            () => Task.Run(() => Channel.GetStatus(instanceId)),
            done,
            timeout ?? TimeSpan.FromSeconds(60),
            because);

    public void Dispose()
    {
        try
        {
            ((IClientChannel)Channel).Close();
            _factory.Close();
        }
        catch (CommunicationException)
        {
            ((IClientChannel)Channel).Abort();
            _factory.Abort();
        }
        catch (TimeoutException)
        {
            ((IClientChannel)Channel).Abort();
            _factory.Abort();
        }
    }
}
