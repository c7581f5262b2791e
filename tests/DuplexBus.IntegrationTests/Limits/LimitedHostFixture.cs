using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Limits;

/// <summary>
/// The host in production mode with its GC heap capped at 256 MB, as a container's memory limit caps it: Linux makes
/// memory resident only once it is written, so a buffer sized by Content-Length and never filled does not show in
/// VmRSS, but it is committed heap, and 200 buffers of 4 MB do not fit. It processes two requests at a time and queues
/// none, so a burst is turned away, and its Kestrel limits come partly from <c>Kestrel:Limits</c> configuration.
/// </summary>
public sealed class LimitedHostFixture(ServersFixture servers) : IAsyncLifetime
{
    public const string HeapHardLimit = "0x10000000";
    public const int MaxConcurrentRequests = 2;
    public const int MaxRequestHeadersTotalSize = 8 * 1024;

    public HostProcess Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await servers.CreateDatabaseAsync("limits");
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = ConnectionString;
        options.Environment["ConnectionStrings__RabbitMq"] = await servers.CreateVirtualHostAsync("limits");
        options.Environment["DOTNET_GCHeapHardLimit"] = HeapHardLimit;
        options.Environment["DuplexBus__Edge__MaxConcurrentRequests"] = MaxConcurrentRequests.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Environment["DuplexBus__Edge__MaxQueuedRequests"] = "0";
        // These tests measure the edge's own limits. The backlog limit, which holds one-way messages while the sagas
        // fall behind, would answer their ordinary traffic late on purpose once the saga queues pass it (the attack
        // takes the CPU the sagas need); it has tests of its own (Backlog/).
        options.Environment["DuplexBus__Edge__BacklogLimit__MaxQueuedMessages"] = "0";
        options.Environment["Kestrel__Limits__MaxRequestHeadersTotalSize"] = MaxRequestHeadersTotalSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Host = await HostProcess.StartAsync(options);
    }

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}
