using DuplexBus.Outbox;

namespace DuplexBus.Tests.Outbox;

public sealed class RelayDestinationTests
{
    private static readonly Uri RabbitMqBus = new("rabbitmq://127.0.0.1:5672/orders/host_bus_abc?temporary=true");
    private static readonly Uri InMemoryBus = new("loopback://localhost/host_bus_abc");

    public static TheoryData<string, string, string, bool> Destinations => new()
    {
        { "short queue address on RabbitMQ", "queue:capture-direct", "exchange:capture-direct", true },
        { "full queue address on RabbitMQ", "rabbitmq://127.0.0.1:5672/orders/capture-direct?bind=true", "rabbitmq://127.0.0.1:5672/orders/capture-direct", true },
        { "other parameters kept", "rabbitmq://127.0.0.1:5672/orders/work?bind=true&durable=false&queue=work", "rabbitmq://127.0.0.1:5672/orders/work?durable=false", true },
        { "exchange address", "exchange:work", "exchange:work", true },
        { "plain RabbitMQ address", "rabbitmq://127.0.0.1:5672/orders/work", "rabbitmq://127.0.0.1:5672/orders/work", true },
    };

    [Theory]
    [MemberData(nameof(Destinations))]
    public void A_queue_address_on_RabbitMQ_is_sent_mandatory_to_the_endpoints_exchange(string because, string destination, string expected, bool mandatory)
    {
        var (address, isMandatory) = RelayDestination.Resolve(destination, RabbitMqBus);

        Assert.True(new Uri(expected) == address, $"{because}: {address}");
        Assert.Equal(mandatory, isMandatory);
    }

    [Fact]
    public void Another_transport_gets_the_address_as_it_was_given()
    {
        var (address, mandatory) = RelayDestination.Resolve("queue:work", InMemoryBus);

        Assert.Equal(new Uri("queue:work"), address);
        Assert.False(mandatory);
    }
}
