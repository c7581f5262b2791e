using DuplexBus.Host;
using Microsoft.Extensions.Configuration;

namespace DuplexBus.Tests.Configuration;

public sealed class RabbitMqClusterNodesTests
{
    private static readonly Uri Broker = new("amqp://guest:guest@10.0.0.1:5673/duplexbus");

    private static IReadOnlyList<string> Nodes(Uri broker, params (string Key, string Value)[] settings) =>
        RabbitMqClusterNodes.From(
            broker,
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void Without_cluster_nodes_the_host_connects_to_its_one_broker_as_before() =>
        Assert.Empty(Nodes(Broker));

    [Fact]
    public void The_connection_string_node_comes_first_then_the_listed_nodes_in_order()
    {
        var nodes = Nodes(
            Broker,
            ("DuplexBus:RabbitMq:ClusterNodes:0", "10.0.0.2:5674"),
            ("DuplexBus:RabbitMq:ClusterNodes:1", "rabbit-3"));

        Assert.Equal(["10.0.0.1:5673", "10.0.0.2:5674", "rabbit-3:5673"], nodes);
    }

    [Fact]
    public void One_comma_separated_value_lists_the_nodes_too_and_repeats_are_dropped()
    {
        var nodes = Nodes(Broker, ("DuplexBus:RabbitMq:ClusterNodes", " 10.0.0.2:5674, 10.0.0.1:5673 ,10.0.0.2:5674 "));

        Assert.Equal(["10.0.0.1:5673", "10.0.0.2:5674"], nodes);
    }

    [Theory]
    [InlineData("amqp://guest:guest@rabbit-1/", "rabbit-1:5672")]
    [InlineData("amqps://guest:guest@rabbit-1/", "rabbit-1:5671")]
    public void A_node_without_a_port_takes_the_port_of_the_scheme(string broker, string first)
    {
        var nodes = Nodes(new Uri(broker), ("DuplexBus:RabbitMq:ClusterNodes", "rabbit-2"));

        Assert.Equal(first, nodes[0]);
        Assert.Equal($"rabbit-2:{first.Split(':')[1]}", nodes[1]);
    }

    [Theory]
    [InlineData("amqp://rabbit-2:5672")]
    [InlineData("rabbit-2:port")]
    [InlineData("rabbit-2:0")]
    [InlineData("rabbit-2:70000")]
    [InlineData("[::1]:5672")]
    [InlineData(":5672")]
    public void A_malformed_node_stops_the_host_naming_the_key(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Nodes(Broker, ("DuplexBus:RabbitMq:ClusterNodes:0", entry)));

        Assert.Contains("DuplexBus:RabbitMq:ClusterNodes", error.Message, StringComparison.Ordinal);
    }
}
