using System.Diagnostics;
using DuplexBus.Chaos.Checks;
using DuplexBus.Chaos.Environment;
using DuplexBus.Chaos.Report;

namespace DuplexBus.Chaos.Scenarios;

/// <summary>
/// Runs one scenario the same way every time: arrange, workload, fault on (for its duration), fault off, clients done,
/// quiet, still quiet a while later (so a late duplicate shows), then the checks. Whatever happens, the fault is
/// healed and the stage torn down.
/// </summary>
internal sealed class ScenarioRunner(ServerSet servers, RunOptions options, HttpClient http)
{
    private TimeSpan QuietTimeout => options.Quick ? TimeSpan.FromSeconds(45) : TimeSpan.FromSeconds(120);

    /// <summary>Longer than RabbitMQ's statistics interval (5 s), which is how old list_queues counts may be.</summary>
    private TimeSpan StayQuiet => options.Quick ? TimeSpan.FromSeconds(6) : TimeSpan.FromSeconds(15);

    public async Task<ScenarioResult> RunAsync(Scenario scenario, int round, int seed, CancellationToken ct)
    {
        var label = round > 1 ? $"{scenario.Name}-{round}" : scenario.Name;
        var tally = new Tally();
        Stage? stage = null;
        try
        {
            stage = await Stage.CreateAsync(servers, label, seed, options.Quick).ConfigureAwait(false);
            return await RunCoreAsync(scenario, round, stage, tally, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            stage?.Note($"did not run: {e}");
            return new ScenarioResult(scenario.Name, round, tally, null, $"{e.GetType().Name}: {FirstLine(e.Message)}");
        }
        finally
        {
            if (stage is not null)
                await stage.DisposeAsync().ConfigureAwait(false);
            await RestoreServersAsync().ConfigureAwait(false);
        }
    }

    private async Task<ScenarioResult> RunCoreAsync(Scenario scenario, int round, Stage stage, Tally tally, CancellationToken ct)
    {
        var duration = stage.FaultFor = scenario.FaultDuration(stage);
        stage.Note($"seed {stage.Seed}, fault for {duration.TotalSeconds:0.0}s");
        await scenario.ArrangeAsync(stage, ct).ConfigureAwait(false);
        var shape = scenario.Shape(stage);
        stage.Note($"workload {shape}");

        using var clients = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var workload = Workload.Workload.Start(stage, shape, http, clients.Token);
        await Task.WhenAny(workload.WarmedUp, Task.Delay(TimeSpan.FromSeconds(20), ct)).ConfigureAwait(false);
        if (!workload.WarmedUp.IsCompleted)
            stage.Note("no answers before the fault; injecting anyway");

        Stopwatch healedFor;
        stage.Note("inject");
        try
        {
            await scenario.InjectAsync(stage, ct).ConfigureAwait(false);
            await Task.Delay(duration, ct).ConfigureAwait(false);
        }
        finally
        {
            stage.Note("heal");
            await scenario.HealAsync(stage, CancellationToken.None).ConfigureAwait(false);
            healedFor = Stopwatch.StartNew();
            stage.Note("healed");
        }

        var clientsDone = shape.ClientPatience + TimeSpan.FromSeconds(30);
        if (await Task.WhenAny(workload.Completion, Task.Delay(clientsDone, ct)).ConfigureAwait(false) != workload.Completion)
        {
            stage.Findings.Add($"clients still busy {clientsDone.TotalSeconds:0}s after the heal; stopped");
            await clients.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(workload.Completion, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None)).ConfigureAwait(false);
        }

        foreach (var ledger in workload.Ledgers)
        {
            var refusals = string.Join(", ", ledger.Refusals.Select(r => $"{r.Key} x{r.Value}"));
            stage.Note($"client {ledger.Client} {ledger.Instance}: sent {ledger.Sent}, answered {ledger.Answered.Count}{(ledger.GaveUp is null ? "" : $", gave up: {ledger.GaveUp}")}{(refusals.Length == 0 ? "" : $", refusals: {refusals}")}");
        }

        var (quietAfter, problem) = await Quiet.WaitAsync(stage, QuietTimeout, ct).ConfigureAwait(false);
        double? recovery = quietAfter is null ? null : healedFor.Elapsed.TotalSeconds;
        if (problem is not null)
            stage.Findings.Add($"NOT QUIET {QuietTimeout.TotalSeconds:0}s after the clients finished: {problem}");
        stage.Note(problem is null ? $"quiet {recovery:0.0}s after the heal" : $"never quiet: {problem}");

        // Quiet must last: rabbitmqctl's counts can be up to one statistics interval (5 s) old, so work may still
        // show up. The verdict judges a state that stayed the same, and quiet, for a whole window; anything that
        // changed before that (a late duplicate included) is in that state and counted by the checks.
        var snapshot = await SystemSnapshot.TakeAsync(stage, ct).ConfigureAwait(false);
        for (var look = 1; problem is null; look++)
        {
            await Task.Delay(StayQuiet, ct).ConfigureAwait(false);
            var busy = await Quiet.ProblemAsync(stage, ct).ConfigureAwait(false);
            var later = await SystemSnapshot.TakeAsync(stage, ct).ConfigureAwait(false);
            var changes = later.ChangesSince(snapshot);
            snapshot = later;
            if (busy is null && changes.Count == 0)
                break;
            stage.Note($"not settled {StayQuiet.TotalSeconds:0}s after looking quiet: {busy ?? "quiet"}; {changes.Count} changes");
            foreach (var change in changes)
                stage.Note($"  late: {change}");
            if (look == 3)
            {
                stage.Findings.Add($"NEVER SETTLED: still changing {look} windows of {StayQuiet.TotalSeconds:0}s after looking quiet ({busy ?? "quiet"}; {changes.Count} changes)");
                break;
            }

            (_, problem) = await Quiet.WaitAsync(stage, QuietTimeout, ct).ConfigureAwait(false);
            if (problem is not null)
                stage.Findings.Add($"NOT QUIET again {QuietTimeout.TotalSeconds:0}s after it first looked quiet: {problem}");
            snapshot = await SystemSnapshot.TakeAsync(stage, ct).ConfigureAwait(false);
        }

        foreach (var (queue, messages) in await Quiet.ParkedInBrokerAsync(stage).ConfigureAwait(false))
            stage.Findings.Add($"{messages} messages in broker queue {queue} (MassTransit moved them out of the way)");

        await scenario.CheckAsync(stage, ct).ConfigureAwait(false);
        var judged = Verdicts.Judge(workload.Ledgers, snapshot);
        judged.Findings.AddRange(stage.Findings);
        foreach (var finding in judged.Findings)
            stage.Note($"finding: {finding}");
        return new ScenarioResult(scenario.Name, round, judged, recovery, null);
    }

    /// <summary>A scenario's heal may have failed: the next one must find both servers up (both calls are no-ops when up).</summary>
    private async Task RestoreServersAsync()
    {
        try
        {
            await servers.Postgres.StartAsync().ConfigureAwait(false);
            await servers.RabbitMq.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"restoring the servers failed: {e.Message}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
