using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Workload;
using DuplexBus.Testing;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 5: five callback receivers, each misbehaving its own way while callbacks are due: down for longer than the
/// retry budget's first hour, slow beyond the send timeout, 500 with a SOAP fault, 503 with Retry-After, 429; then all
/// healthy. Time is scaled down 600 times through the Callbacks options (an hour is six seconds). A SOAP fault is a final
/// refusal (dead-letter allowed); every other refusal is transient, so those callbacks must end delivered.
/// </summary>
internal sealed class CallbackReceiversMisbehave : Scenario
{
    /// <summary>Longer than the scaled retry delays, so a sender that honours Retry-After visibly tries less often.</summary>
    private const int RetryAfterSeconds = 4;

    private static readonly string[] Behaviours = ["down", "slow", "soap-fault-500", "503-retry-after", "429"];

    public override string Name => "callback-receivers";

    /// <summary>Longer than the scaled first hour of retries (6 s).</summary>
    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 7, 16);

    public override WorkloadShape Shape(Stage stage) =>
        base.Shape(stage) with { CallbackWorks = Behaviours.Length * (stage.Quick ? 2 : 3), SoapClients = 1 };

    public override async Task ArrangeAsync(Stage stage, CancellationToken ct)
    {
        // The defaults (appsettings.json) divided by 600, within each option's range: 24 h window -> 144 s, and the
        // window alone is the budget, as by default (no attempt bound).
        stage.HostEnvironment["DuplexBus__Callbacks__Timeout"] = "00:00:01";
        stage.HostEnvironment["DuplexBus__Callbacks__InitialRetryDelay"] = "00:00:00.010";
        stage.HostEnvironment["DuplexBus__Callbacks__MaxRetryDelay"] = "00:00:01";
        stage.HostEnvironment["DuplexBus__Callbacks__MaxRetryWindow"] = "00:02:24";
        stage.HostEnvironment["DuplexBus__Callbacks__PauseFor"] = "00:00:00.100";
        stage.HostEnvironment["DuplexBus__Callbacks__Lease"] = "00:00:05";
        var host = await stage.StartHostAsync("a").ConfigureAwait(false);
        stage.ServiceAddress = host.BaseAddress;
        foreach (var _ in Behaviours)
            await stage.StartReceiverAsync().ConfigureAwait(false);

        // The callbacks fall due a moment after their StartWork, before the runner's inject: the receivers
        // misbehave from the start, so every callback meets its receiver's fault.
        await stage.Receivers[0].StopAsync().ConfigureAwait(false);
        stage.Receivers[1].AnswerWith(CallbackAnswer.Accepted with { Delay = TimeSpan.FromSeconds(3) });
        stage.Receivers[2].AnswerWith(CallbackAnswer.SoapFault);
        stage.Receivers[3].AnswerWith(CallbackAnswer.Unavailable(RetryAfterSeconds));
        stage.Receivers[4].AnswerWith(CallbackAnswer.TooManyRequests(RetryAfterSeconds));
        for (var i = 0; i < Behaviours.Length; i++)
            stage.Note($"receiver {stage.Receivers[i].Port}: {Behaviours[i]}");
    }

    public override Task InjectAsync(Stage stage, CancellationToken ct) => Task.CompletedTask;

    public override async Task HealAsync(Stage stage, CancellationToken ct)
    {
        await stage.Receivers[0].StartAgainAsync().ConfigureAwait(false);
        foreach (var receiver in stage.Receivers)
            receiver.AnswerWith(CallbackAnswer.Accepted);
    }

    public override async Task CheckAsync(Stage stage, CancellationToken ct)
    {
        await using var db = stage.Connect();
        await db.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new Npgsql.NpgsqlCommand("SELECT address, state, attempts, last_status_code, last_error FROM callback_message", db);
        await using var read = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var exercised = new HashSet<string>(StringComparer.Ordinal);
        while (await read.ReadAsync(ct).ConfigureAwait(false))
        {
            var address = new Uri(read.GetString(0));
            var at = stage.Receivers.FindIndex(r => r.Port == address.Port);
            var behaviour = at >= 0 ? Behaviours[at] : "?";
            var (state, attempts) = (read.GetInt32(1), read.GetInt32(2));
            var last = $"attempts {attempts}, last status {(read.IsDBNull(3) ? "-" : read.GetInt32(3))}, last error {(read.IsDBNull(4) ? "-" : read.GetString(4))}";
            stage.Note($"callback to {behaviour} receiver: state {state}, {last}");
            // More than one attempt, or a dead letter, shows the callback met the fault.
            if (attempts > 1 || state == 2)
                exercised.Add(behaviour);
            // Retry-After is the client's own word, in real seconds: within the fault, at most one attempt per period.
            var allowed = (int)Math.Ceiling(stage.FaultFor.TotalSeconds / RetryAfterSeconds) + 2;
            if (behaviour is "503-retry-after" or "429" && attempts > allowed)
                stage.Findings.Add($"RETRY-AFTER IGNORED ({behaviour}, receiver {address.Port}): {attempts} attempts in a {stage.FaultFor.TotalSeconds:0}s fault with Retry-After: {RetryAfterSeconds} (at most {allowed} expected)");
            if (state == 2 && behaviour != "soap-fault-500")
                stage.Findings.Add($"CALLBACK DEAD-LETTERED on a transient refusal ({behaviour}, receiver {address.Port}): {last}");
        }

        foreach (var behaviour in Behaviours.Where(b => !exercised.Contains(b)))
            stage.Findings.Add($"NOT EXERCISED: no callback to the {behaviour} receiver was refused or retried, so this part of the scenario did not run");
    }
}
