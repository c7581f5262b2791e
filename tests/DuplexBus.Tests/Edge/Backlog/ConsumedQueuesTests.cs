using DuplexBus.Edge.Backlog;

namespace DuplexBus.Tests.Edge.Backlog;

public sealed class ConsumedQueuesTests
{
    [Theory]
    [InlineData("rabbitmq://127.0.0.1:5672/work-state-p0", "work-state-p0")]
    [InlineData("rabbitmq://127.0.0.1:5672/tenant-a/work-state-p0?bind=true&queue=x", "work-state-p0")]
    [InlineData("rabbitmq://127.0.0.1:5672/tenant%2Fa/order%20state/", "order state")]
    [InlineData("loopback://localhost/work-consumer", "work-consumer")]
    [InlineData("rabbitmq://127.0.0.1:5672/", null)]
    public void The_queue_of_an_input_address_is_its_last_path_segment(string inputAddress, string? queue) =>
        Assert.Equal(queue, ConsumedQueues.QueueOf(new Uri(inputAddress)));
}
