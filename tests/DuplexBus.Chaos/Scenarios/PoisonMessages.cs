using DuplexBus.Chaos.Environment;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Fault 8: poison mixed into the traffic: an outbox row whose type no host knows, an AddItem row whose body does not
/// deserialize into an AddItem, and a StartWork the saga can never store (a callback address longer than its column), so it throws on
/// every attempt. They must be parked where an operator sees them (<c>parked list</c> of the host CLI) while the good
/// traffic keeps flowing, in order.
/// </summary>
internal sealed class PoisonMessages : Scenario
{
    private const string Contracts = "urn:message:DuplexBus.Samples.Contracts:";

    public override string Name => "poison-messages";

    public override TimeSpan FaultDuration(Stage stage) => Between(stage, 4, 15);

    public override async Task InjectAsync(Stage stage, CancellationToken ct)
    {
        var poisonInstance = Guid.NewGuid();
        stage.PlantedInstances.Add(poisonInstance);
        var longAddress = "http://127.0.0.1:9/" + new string('x', 3000);
        (string Type, string Body, string What)[] rows =
        [
            ("urn:message:Chaos.Unknown:NobodyKnowsMe", "{\"instanceId\":\"" + Guid.NewGuid() + "\"}", "unknown type"),
            // The column is jsonb, so the body is JSON, but not an AddItem: the relay cannot deserialize it.
            (Contracts + "AddItem", "{\"instanceId\":\"not-a-guid\",\"index\":\"one\"}", "undeserializable body"),
            (Contracts + "StartWork",
                "{\"instanceId\":\"" + poisonInstance + "\",\"steps\":1,\"callback\":{\"address\":\"" + longAddress +
                "\",\"soapVersion\":\"1.2\",\"addressingVersion\":\"1.0\",\"referenceParameters\":\"\"}}",
                "saga always throws"),
        ];
        await using var db = stage.Connect();
        await db.OpenAsync(ct).ConfigureAwait(false);
        foreach (var (type, body, what) in rows)
        {
            var id = Guid.NewGuid();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO outbox_message (message_id, message_type, body, created_at, attempts) VALUES (@id, @type, @body::jsonb, now() AT TIME ZONE 'utc', 0)", db);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("type", type);
            insert.Parameters.AddWithValue("body", body);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            stage.PlantedOutboxMessages.Add(id);
            stage.Note($"planted {what}: outbox message {id}");
            await Task.Delay(TimeSpan.FromMilliseconds(700), ct).ConfigureAwait(false);
        }
    }

    public override Task HealAsync(Stage stage, CancellationToken ct) => Task.CompletedTask;

    // A command that exists finishes in seconds; one that does not starts serving and never ends. The margin is for a
    // machine loaded by the other scenarios' hosts, where starting a .NET process alone can take tens of seconds.
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(90);

    /// <summary>Each planted message must be listed by the host's <c>parked list</c>; a CLI that is missing fails the check.</summary>
    public override async Task CheckAsync(Stage stage, CancellationToken ct)
    {
        var options = stage.HostOptions();
        var environment = new Dictionary<string, string>(options.Environment);
        var port = FreePort.Next();
        ProcessResult result;
        try
        {
            result = await ServerTools.RunAsync(
                "dotnet", [HostDllLocator.Locate(), "parked", "list", "--urls", $"http://127.0.0.1:{port}"],
                CommandLimit, environment, stage.LogDirectory, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            stage.Findings.Add($"PARKED CHECK FAILED: `parked list` did not finish in {CommandLimit.TotalSeconds:0}s (the host has no such command and started serving instead)");
            return;
        }

        await File.WriteAllTextAsync(Path.Combine(stage.LogDirectory, "parked-list.txt"), result.Output, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            stage.Findings.Add($"PARKED CHECK FAILED: `parked list` exited {result.ExitCode}: {result.Output.Split('\n').FirstOrDefault()}");
            return;
        }

        foreach (var id in stage.PlantedOutboxMessages.Where(id => !result.Output.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)))
            stage.Findings.Add($"PARKED CHECK FAILED: planted message {id} is not in `parked list`");
    }
}
