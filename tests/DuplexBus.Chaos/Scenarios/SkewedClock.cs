using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Faults;
using DuplexBus.Testing;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 6b: a second host whose wall clock runs 3 minutes ahead (libfaketime) joins the first behind haproxy while
/// traffic and callbacks flow; it leaves at the heal. Leases, due times and timestamps it writes are 3 minutes off.
/// </summary>
internal sealed class SkewedClock : Scenario
{
    private int reservedPort;

    public override string Name => "clock-skew";

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 8, 25);

    public override async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        var a = await stage.StartHostAsync("a").ConfigureAwait(false);
        reservedPort = FreePort.Next();
        var balancer = await HaproxyBalancer.StartAsync([a.Port, reservedPort]).ConfigureAwait(false);
        stage.Teardown.Add("haproxy", balancer);
        stage.ServiceAddress = balancer.BaseAddress;
        var receiver = await stage.StartReceiverAsync().ConfigureAwait(false);
        // Slow answers keep callbacks leased while the skewed host looks at them.
        receiver.AnswerWith(CallbackAnswer.Accepted with { Delay = TimeSpan.FromMilliseconds(800) });
    }

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        await stage.StartHostAsync("b-ahead-3min", o =>
        {
            o.Port = reservedPort;
            ClockSkew.Ahead(o, TimeSpan.FromMinutes(3));
        }).ConfigureAwait(false);
    }

    public override async Task HealAsync(Stage stage, CancellationToken ct)
    {
        if (stage.Hosts.Count > 1)
            await stage.Hosts[1].StopAsync().ConfigureAwait(false);
        stage.Receivers[0].AnswerWith(CallbackAnswer.Accepted);
    }
}
