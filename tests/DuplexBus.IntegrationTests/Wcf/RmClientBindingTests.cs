using System.ServiceModel;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>The WCF client of this platform builds a reliable-session channel for every configuration; no server involved.</summary>
public sealed class RmClientBindingTests
{
    [Fact]
    public void There_are_16_custom_bindings_and_2_WSHttpBindings() =>
        Assert.Equal(18, RmClientBinding.Configurations.Select(c => c.Name).Distinct().Count());

    [Theory, MemberData(nameof(RmClientBinding.All), MemberType = typeof(RmClientBinding))]
    public void Every_configuration_builds_a_channel(string name)
    {
        var configuration = RmClientBinding.Find(name);
        var factory = new ChannelFactory<IWorkService>(configuration.Create(), new EndpointAddress("http://127.0.0.1:9/services/work"));
        try
        {
            var channel = (IClientChannel)factory.CreateChannel();
            channel.Abort();
        }
        finally
        {
            factory.Abort();
        }
    }
}
