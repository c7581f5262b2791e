namespace DuplexBus.Outbox;

/// <summary>
/// Where the relay sends a row that names one queue. On RabbitMQ a queue address (<c>queue:name</c>, or
/// <c>?bind=true</c>) makes the sender declare the queue with default arguments, which the broker refuses for a quorum
/// queue ("inequivalent arg 'x-queue-type'"). Every receive endpoint has an exchange of its own name bound to its
/// queue, so the row is sent there instead, and sent mandatory: an exchange with no queue behind it returns the
/// message, which fails the send and keeps the row, rather than dropping it.
/// </summary>
public static class RelayDestination
{
    /// <summary>The address to send to, and whether the broker must route it to a queue or return it.</summary>
    public static (Uri Address, bool Mandatory) Resolve(string destination, Uri busAddress)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(busAddress);
        var address = new Uri(destination);
        if (!IsRabbitMq(busAddress))
            return (address, false);

        if (address.Scheme == "queue")
            return (new Uri("exchange:" + address.AbsolutePath), true);
        if (IsRabbitMq(address) && address.Query.Length > 1)
        {
            var kept = address.Query[1..].Split('&').Where(p => !IsQueueBinding(p)).ToList();
            var builder = new UriBuilder(address) { Query = string.Join('&', kept) };
            return (builder.Uri, true);
        }
        return (address, IsRabbitMq(address) || address.Scheme == "exchange");
    }

    private static bool IsRabbitMq(Uri address) => address.Scheme is "rabbitmq" or "rabbitmqs";

    private static bool IsQueueBinding(string parameter) =>
        parameter.StartsWith("bind=", StringComparison.OrdinalIgnoreCase)
        || parameter.StartsWith("queue=", StringComparison.OrdinalIgnoreCase);
}
