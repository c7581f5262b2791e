using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Faults;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>Fault 6a: two hosts behind haproxy (round robin, per request); one is killed mid-run, and started again at the heal.</summary>
internal sealed class TwoHostsOneKilled : Scenario
{
    public override string Name => "two-hosts-one-killed";

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 6, 20);

    public override async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        var a = await stage.StartHostAsync("a").ConfigureAwait(false);
        var b = await stage.StartHostAsync("b").ConfigureAwait(false);
        var balancer = await HaproxyBalancer.StartAsync([a.Port, b.Port]).ConfigureAwait(false);
        stage.Teardown.Add("haproxy", balancer);
        stage.ServiceAddress = balancer.BaseAddress;
        await stage.StartReceiverAsync().ConfigureAwait(false);
    }

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        await stage.Hosts[1].KillAsync().ConfigureAwait(false);
        stage.Note("host b killed");
    }

    public override async Task HealAsync(Stage stage, CancellationToken ct)
    {
        await stage.StartHostAsync("b2", o => o.Port = stage.Hosts[1].Port).ConfigureAwait(false);
    }
}
