using DuplexBus.Chaos.Environment;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 2b: RabbitMQ goes down, the host is killed and started again on the same port while the broker is still
/// down (it cannot be ready, so only liveness is awaited), then the broker comes back. A host that cannot even start
/// without the broker is a finding; it is then started once the broker is back, and the traffic must still all arrive.
/// </summary>
internal sealed class HostStartedWithoutBroker : Scenario
{
    private bool started;

    public override string Name => "host-started-without-broker";

    public override bool Exclusive => true;

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 6, 30);

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        started = false;
        await stage.RabbitMq.StopAsync().ConfigureAwait(false);
        var port = stage.Hosts[0].Port;
        await stage.Hosts[0].KillAsync().ConfigureAwait(false);
        stage.Note("broker stopped, host killed; starting it again without the broker");
        try
        {
            await stage.StartHostAsync("a2", o =>
            {
                o.Port = port;
                o.StartTimeout = TimeSpan.FromSeconds(10);
            }, readyPath: "health/live").ConfigureAwait(false);
            started = true;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            stage.Findings.Add($"HOST DID NOT START while RabbitMQ was down (no HTTP listener within 10s, so nothing could be accepted): {e.Message.Split('\n')[0]}");
        }
    }

    public override async Task HealAsync(Stage stage, CancellationToken ct)
    {
        await stage.RabbitMq.StartAsync().ConfigureAwait(false);
        if (!started)
            await stage.StartHostAsync("a3", o => o.Port = stage.Hosts[0].Port).ConfigureAwait(false);
    }
}
