using DuplexBus.Testing;

namespace DuplexBus.Chaos.Faults;

/// <summary>RabbitMQ's resource alarms, raised and cleared with rabbitmqctl: while one is on, publishers are blocked.</summary>
internal static class BrokerAlarms
{
    public static Task RaiseMemoryAsync(RabbitMqServer broker) => RunAsync(broker, "set_vm_memory_high_watermark", "0");

    public static Task ClearMemoryAsync(RabbitMqServer broker) => RunAsync(broker, "set_vm_memory_high_watermark", "0.4");

    public static Task RaiseDiskAsync(RabbitMqServer broker) => RunAsync(broker, "set_disk_free_limit", "1000000GB");

    public static Task ClearDiskAsync(RabbitMqServer broker) => RunAsync(broker, "set_disk_free_limit", "50MB");

    private static async Task RunAsync(RabbitMqServer broker, params string[] arguments)
    {
        var result = await broker.ControlAsync(arguments).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new InvalidOperationException($"`{result.CommandLine}` failed: {result.Output.Trim()}");
    }
}
