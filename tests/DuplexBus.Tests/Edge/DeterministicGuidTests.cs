using DuplexBus.Edge.Ingress;

namespace DuplexBus.Tests.Edge;

public sealed class DeterministicGuidTests
{
    [Fact]
    public void Matches_the_RFC_4122_version_5_example()
    {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com")
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DeterministicGuid.Create(dns, "www.example.com"));
    }

    [Fact]
    public void Same_name_same_id_other_name_other_id()
    {
        var ns = Guid.NewGuid();

        Assert.Equal(DeterministicGuid.Create(ns, "urn:uuid:1"), DeterministicGuid.Create(ns, "urn:uuid:1"));
        Assert.NotEqual(DeterministicGuid.Create(ns, "urn:uuid:1"), DeterministicGuid.Create(ns, "urn:uuid:2"));
    }
}
