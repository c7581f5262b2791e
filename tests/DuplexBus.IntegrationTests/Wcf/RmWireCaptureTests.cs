using System.ServiceModel;
using Xunit.Abstractions;

namespace DuplexBus.IntegrationTests.Wcf;

public sealed class RmWireCaptureTests(ITestOutputHelper output)
{
    [Theory, MemberData(nameof(RmClientBinding.All), MemberType = typeof(RmClientBinding))]
    public async Task Session(string name) => await Run<IWorkService>(name, (c, i, n) => c.AddItem(i, n, "v"));

    [Theory, MemberData(nameof(RmClientBinding.All), MemberType = typeof(RmClientBinding))]
    public async Task OneWaySession(string name) => await Run<IOneWayWorkService>(name, (c, i, n) => c.AddItem(i, n, "v"));

    private async Task Run<T>(string name, Action<T, Guid, int> add)
        where T : class
    {
        await using var stub = await RmStub.StartAsync();
        var configuration = RmClientBinding.Find(name);
        Exception? error = null;
        try
        {
            await Task.Run(() =>
            {
                var factory = new ChannelFactory<T>(configuration.Create(), new EndpointAddress(stub.ServiceUri));
                var channel = factory.CreateChannel();
                ((IClientChannel)channel).Open();
                var instance = Guid.NewGuid();
                for (var i = 1; i <= 3; i++)
                    add(channel, instance, i);
                ((IClientChannel)channel).Close();
                factory.Close();
            }).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex)
        {
            error = ex;
        }

        foreach (var e in stub.Exchanges)
            output.WriteLine(e.Describe());
        Assert.Null(error);
    }
}
