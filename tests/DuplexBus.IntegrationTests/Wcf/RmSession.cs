using System.ServiceModel;
using System.ServiceModel.Channels;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>One complete reliable session of the real WCF client: open, AddItem with indexes 1..n, close.</summary>
public static class RmSession
{
    /// <summary>
    /// Runs the session on a worker thread (WCF's proxies block). On failure or after <paramref name="timeout"/> the channel
    /// is aborted, so nothing keeps retrying in the background, and the exception is rethrown.
    /// </summary>
    /// <typeparam name="TContract">
    /// <see cref="IWorkService"/> (a request-reply operation too: WCF opens a request session and offers a reply sequence)
    /// or <see cref="IOneWayWorkService"/> (only one-way operations: an output session).
    /// </typeparam>
    public static async Task RunAsync<TContract>(Binding binding, Uri address, int items, Action<TContract, Guid, int> addItem, TimeSpan timeout)
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(addItem);
        var factory = new ChannelFactory<TContract>(binding, new EndpointAddress(address));
        var proxy = factory.CreateChannel();
        var channel = (IClientChannel)proxy;
        try
        {
            await Task.Run(() =>
            {
                channel.Open();
                var instance = Guid.NewGuid();
                for (var index = 1; index <= items; index++)
                    addItem(proxy, instance, index);
                channel.Close();
                factory.Close();
            }).WaitAsync(timeout);
        }
        catch
        {
            channel.Abort();
            factory.Abort();
            throw;
        }
    }

    public static Task OneWayAsync(Binding binding, Uri address, int items, TimeSpan timeout) =>
        RunAsync<IOneWayWorkService>(binding, address, items, (c, instance, index) => c.AddItem(instance, index, $"v{index}"), timeout);

    public static Task RequestSessionAsync(Binding binding, Uri address, int items, TimeSpan timeout) =>
        RunAsync<IWorkService>(binding, address, items, (c, instance, index) => c.AddItem(instance, index, $"v{index}"), timeout);
}
