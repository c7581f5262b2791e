using DuplexBus.Chaos.Environment;
using DuplexBus.Testing.Proxy;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 4: a lossy network between the clients and the host: requests and replies dropped (the connection reset),
/// requests duplicated and delayed (so they overtake each other), for both WS-RM versions and the plain clients.
/// </summary>
internal sealed class LossyNetwork : Scenario
{
    private volatile bool lossy;

    public override string Name => "lossy-network";

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 8, 30);

    public override async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        await base.ArrangeAsync(stage, ct).ConfigureAwait(false);
        var proxy = await LossyProxy.StartAsync(stage.ServiceAddress, new LossyProxyOptions
        {
            Seed = stage.Seed,
            DropRequest = 0.1,
            DropReply = 0.1,
            Duplicate = 0.15,
            Delay = 0.25,
            MaxDelay = TimeSpan.FromMilliseconds(400),
            Applies = _ => lossy,
        }).ConfigureAwait(false);
        stage.Teardown.Add("lossy proxy", async () =>
        {
            stage.Note($"proxy: forwarded {proxy.Forwarded}, dropped requests {proxy.DroppedRequests}, dropped replies {proxy.DroppedReplies}, duplicated {proxy.Duplicated}, delayed {proxy.Delayed}");
            await proxy.DisposeAsync().ConfigureAwait(false);
        });
        stage.ServiceAddress = proxy.BaseAddress;
    }

    public override Task InjectAsync(Stage stage, CancellationToken ct)
    {
        lossy = true;
        return Task.CompletedTask;
    }

    public override Task HealAsync(Stage stage, CancellationToken ct)
    {
        lossy = false;
        return Task.CompletedTask;
    }
}
