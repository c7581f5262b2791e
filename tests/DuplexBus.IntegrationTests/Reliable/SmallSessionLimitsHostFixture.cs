using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// A production host with small WS-RM limits: 4 open sequences in all, 2 per client, unordered delivery and at most
/// 8 acknowledgement ranges, so the limits can be reached with a handful of raw messages.
/// </summary>
public sealed class SmallSessionLimitsHostFixture(ServersFixture servers) : IAsyncLifetime
{
    public const int MaxOpenSequences = 4;
    public const int MaxOpenSequencesPerClient = 2;
    public const int MaxAckRanges = 8;

    public HostProcess Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await servers.CreateDatabaseAsync("limited");
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = ConnectionString;
        options.Environment["ConnectionStrings__RabbitMq"] = await servers.CreateVirtualHostAsync("limited");
        options.Environment["DuplexBus__ReliableMessaging__MaxOpenSequences"] = MaxOpenSequences.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Environment["DuplexBus__ReliableMessaging__MaxOpenSequencesPerClient"] = MaxOpenSequencesPerClient.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Environment["DuplexBus__ReliableMessaging__MaxAckRanges"] = MaxAckRanges.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Environment["DuplexBus__ReliableMessaging__Ordered"] = "false";
        Host = await HostProcess.StartAsync(options);
    }

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}
