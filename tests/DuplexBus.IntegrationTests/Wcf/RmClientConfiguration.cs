using System.ServiceModel.Channels;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>One WCF client configuration with a reliable session, as a name the theories can show.</summary>
/// <param name="RmVersion"><see cref="RmClientBinding.Rm10"/> or <see cref="RmClientBinding.Rm11"/>.</param>
public sealed record RmClientConfiguration(string Name, Func<Binding> Create, bool Ordered, string RmVersion)
{
    public override string ToString() => Name;
}
