using DuplexBus.Chaos.Workload;

namespace DuplexBus.Chaos.Checks;

/// <summary>
/// Holds every instance to its ledger. The outbox is the system's own record of what it accepted; the saga row is what
/// it applied. For each instance: every answered message has an outbox row (else lost at the edge), one row per message
/// (else duplicated at the edge), rows in index order (else reordered at the edge); the saga applied exactly the
/// accepted items, each once, in order; and its callback was delivered (repeats only with one MessageID) or dead-lettered.
/// </summary>
internal static class Verdicts
{
    public static Tally Judge(IReadOnlyList<InstanceLedger> ledgers, SystemSnapshot snapshot)
    {
        var tally = new Tally();
        var outbox = snapshot.Outbox.ToLookup(r => r.Instance);
        foreach (var ledger in ledgers)
        {
            tally.Sent += ledger.Sent;
            if (ledger.GaveUp is { } why)
                tally.Findings.Add($"CLIENT GAVE UP: {ledger.Client} {ledger.Instance} after {ledger.Answered.Count} of {ledger.Sent} answered: {why}");
            tally.Answered += ledger.Answered.Count;
            snapshot.Sagas.TryGetValue(ledger.Instance, out var saga);
            if (ledger.Kind == ClientKind.Callback)
                JudgeCallback(ledger, saga, outbox[ledger.Instance].ToList(), snapshot, tally);
            else
                JudgeItems(ledger, saga, outbox[ledger.Instance].Where(r => r.Kind == "AddItem").ToList(), snapshot, tally);
        }

        return tally;
    }

    private static void JudgeItems(InstanceLedger ledger, SagaRow? saga, List<OutboxRow> rows, SystemSnapshot snapshot, Tally tally)
    {
        var name = $"{ledger.Client} {ledger.Instance}";
        var accepted = rows.Select(r => r.Index).Distinct().ToHashSet();
        var applied = saga?.ItemCount ?? 0;
        tally.Applied += applied;

        // Every answered index, and every index below one the system accepted (the clients send in order and an
        // ordered session delivers in order), must have been accepted.
        var owed = ledger.Answered.Concat(Enumerable.Range(1, accepted.Count == 0 ? 0 : accepted.Max())).ToHashSet();
        var missing = owed.Where(i => !accepted.Contains(i)).Order().ToList();
        var lost = missing.Count;
        if (missing.Count > 0)
            tally.Findings.Add($"LOST at edge: {name} answered/needed items [{Ranges(missing)}] have no outbox row");

        var duplicated = rows.Count - accepted.Count;
        if (duplicated > 0)
        {
            var twice = rows.GroupBy(r => r.Index).Where(g => g.Count() > 1).Select(g => g.Key).Order().ToList();
            tally.Findings.Add($"DUPLICATED at edge: {name} items [{Ranges(twice)}] committed more than once ({rows.Count} rows for {accepted.Count} items)");
        }

        var reordered = 0;
        var inSeqOrder = rows.GroupBy(r => r.Index).OrderBy(g => g.Min(r => r.Seq)).Select(g => g.Key).ToList();
        if (!inSeqOrder.SequenceEqual(inSeqOrder.Order()))
        {
            reordered++;
            tally.Findings.Add($"REORDERED at edge: {name} outbox order {Preview(inSeqOrder)}");
        }

        // The saga side: it must apply each accepted item exactly once, in order.
        var delta = applied - accepted.Count;
        if (delta < 0)
        {
            lost += -delta;
            var unmarked = rows.Where(r => !snapshot.SagaInboxMarks.Contains(r.MessageId)).Select(r => r.Index).Distinct().Order().ToList();
            tally.Findings.Add($"LOST after the outbox: {name} {accepted.Count} items accepted, saga applied {applied} ({Describe(saga)}); "
                + (unmarked.Count == 0 ? "every item has a saga inbox mark" : $"items without a saga inbox mark: [{Ranges(unmarked)}]"));
        }
        else if (delta > 0)
        {
            duplicated += delta;
            tally.Findings.Add($"DUPLICATED after the outbox: {name} {accepted.Count} items accepted, saga applied {applied} ({Describe(saga)})");
        }
        else if (saga is not null && accepted.Count > 0 && (!saga.InOrder || saga.LastIndex != accepted.Max()))
        {
            reordered++;
            tally.Findings.Add($"REORDERED after the outbox: {name} saga {Describe(saga)}, accepted 1..{accepted.Max()}");
        }

        tally.Lost += lost;
        tally.Duplicated += duplicated;
        tally.Reordered += reordered;
    }

    private static void JudgeCallback(InstanceLedger ledger, SagaRow? saga, List<OutboxRow> rows, SystemSnapshot snapshot, Tally tally)
    {
        var name = $"{ledger.Client} {ledger.Instance}";
        var starts = rows.Count(r => r.Kind == "StartWork");
        var answered = ledger.Answered.Count > 0;
        if (answered && starts == 0)
        {
            tally.Lost++;
            tally.Findings.Add($"LOST at edge: {name} StartWork answered 202 but has no outbox row");
        }

        if (starts > 1)
        {
            tally.Duplicated += starts - 1;
            tally.Findings.Add($"DUPLICATED at edge: {name} StartWork committed {starts} times");
        }

        if (starts == 0)
            return;
        var run = saga?.Run ?? 0;
        tally.Applied += Math.Min(run, 1);
        if (run == 0)
        {
            tally.Lost++;
            var marked = rows.Where(r => r.Kind == "StartWork").Any(r => snapshot.SagaInboxMarks.Contains(r.MessageId));
            tally.Findings.Add($"LOST after the outbox: {name} StartWork accepted, saga never started ({Describe(saga)}); "
                + (marked ? "its saga inbox mark exists" : "no saga inbox mark"));
            return;
        }

        if (run > 1)
        {
            tally.Duplicated += run - 1;
            tally.Findings.Add($"DUPLICATED after the outbox: {name} StartWork applied {run} times");
        }

        // A callback is owed once the StartWork was accepted.
        tally.CallbacksOwed++;
        var callbackRows = snapshot.Callbacks.Where(c => c.Instance == ledger.Instance).ToList();
        var requests = snapshot.Received.Where(r => r.Instance == ledger.Instance).ToList();
        var delivered = requests.Any(r => r.Status is >= 200 and < 300);
        var dead = callbackRows.Any(c => c.State == 2);
        var ids = requests.Select(r => r.MessageId).Distinct(StringComparer.Ordinal).ToList();
        if (delivered)
            tally.CallbacksDelivered++;
        else if (dead)
            tally.CallbacksDead++;
        else
        {
            tally.Lost++;
            var why = callbackRows.Count == 0
                ? $"no callback row (saga {Describe(saga)})"
                : string.Join("; ", callbackRows.Select(c => $"row {c.Id} state {c.State} attempts {c.Attempts} last {c.LastStatus} {c.LastError}"));
            tally.Findings.Add($"CALLBACK LOST: {name} neither delivered nor dead-lettered: {why}; {requests.Count} requests reached the receiver");
        }

        if (ids.Count > 1 || callbackRows.Count > 1)
        {
            tally.Duplicated += Math.Max(ids.Count, callbackRows.Count) - 1;
            tally.Findings.Add($"CALLBACK DUPLICATED: {name} {callbackRows.Count} callback rows, {ids.Count} distinct MessageIDs at the receiver");
        }

        // The dispatcher publishes CallbackDelivered; the saga records it (GetStatus.CallbackDelivered).
        if (delivered && saga is { CallbackDelivered: false })
        {
            tally.Lost++;
            tally.Findings.Add($"LOST after the outbox: {name} callback delivered but the saga never applied CallbackDelivered ({Describe(saga)})");
        }

        if (delivered && dead)
            tally.Findings.Add($"CALLBACK INCONSISTENT: {name} delivered (2xx at the receiver) but dead-lettered in the table");
    }

    private static string Describe(SagaRow? saga) => saga is null
        ? "no saga row"
        : $"state {saga.State}, ItemCount {saga.ItemCount}, LastIndex {saga.LastIndex}, InOrder {saga.InOrder}, Run {saga.Run}";

    private static string Preview(List<int> order) =>
        order.Count <= 30 ? string.Join(",", order) : string.Join(",", order.Take(30)) + ",...";

    private static string Ranges(List<int> sorted)
    {
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }

        return string.Join(",", parts);
    }
}
