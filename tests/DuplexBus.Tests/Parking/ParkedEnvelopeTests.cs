using System.Text;
using DuplexBus.Parking;
using Xunit;

namespace DuplexBus.Tests.Parking;

public sealed class ParkedEnvelopeTests
{
    [Fact]
    public void A_MassTransit_envelope_gives_its_id_first_type_and_message()
    {
        const string envelope = """
            {"messageId":"0d6e0000-0000-0000-0000-000000000001","messageType":["urn:message:Samples:AddItem","urn:message:Samples:IItem"],
             "message":{"instanceId":"6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11","index":3},"headers":{}}
            """;

        var (id, type, body) = ParkedEnvelope.Read(Encoding.UTF8.GetBytes(envelope), "application/vnd.masstransit+json");

        Assert.Equal(Guid.Parse("0d6e0000-0000-0000-0000-000000000001"), id);
        Assert.Equal("urn:message:Samples:AddItem", type);
        Assert.Equal("""{"instanceId":"6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11","index":3}""", body);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"message":{}}""")]
    [InlineData("""{"messageType":[],"message":{}}""")]
    [InlineData("[1,2]")]
    public void Anything_else_is_kept_as_it_came_under_its_content_type(string arrived)
    {
        var (id, type, body) = ParkedEnvelope.Read(Encoding.UTF8.GetBytes(arrived), "text/plain");

        Assert.Null(id);
        Assert.Equal("text/plain", type);
        Assert.Equal(arrived, body);
    }

    [Theory]
    [InlineData("rabbitmq://127.0.0.1:5672/vhost/work-state", "queue:work-state")]
    [InlineData("rabbitmq://127.0.0.1:5672/work-consumer", "queue:work-consumer")]
    [InlineData("loopback://localhost/work-state", "queue:work-state")]
    public void A_replay_goes_back_to_the_queue_it_was_parked_from(string inputAddress, string expected) =>
        Assert.Equal(expected, ParkedEnvelope.QueueOf(new Uri(inputAddress)));
}
