using System.Globalization;

namespace DuplexBus.Chaos.Report;

/// <summary>The table and the last line, the true figures.</summary>
internal static class ResultTable
{
    private static readonly string[] Columns =
        ["scenario", "sent", "answered", "applied", "lost", "dup", "reord", "cb owed", "cb deliv", "cb dead", "recover s", "result"];

    public static void Print(IReadOnlyList<ScenarioResult> results, TextWriter output)
    {
        var rows = results.Select(Row).ToList();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(Columns, widths));
        output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
            output.WriteLine(Line(row, widths));
    }

    public static void PrintFindings(IReadOnlyList<ScenarioResult> results, TextWriter output)
    {
        foreach (var result in results.Where(r => !r.Passed))
        {
            output.WriteLine($"{Label(result)}:");
            if (result.Error is { } error)
                output.WriteLine($"  DID NOT RUN: {error}");
            foreach (var finding in result.Tally.Findings)
                output.WriteLine($"  {finding}");
        }
    }

    /// <summary>chaos: N scenarios, lost L, duplicated D, reordered R</summary>
    public static string Summary(IReadOnlyList<ScenarioResult> results) => string.Create(
        CultureInfo.InvariantCulture,
        $"chaos: {results.Count} scenarios, lost {results.Sum(r => r.Tally.Lost)}, duplicated {results.Sum(r => r.Tally.Duplicated)}, reordered {results.Sum(r => r.Tally.Reordered)}");

    private static string Label(ScenarioResult r) => r.Round > 1 ? $"{r.Scenario}#{r.Round}" : r.Scenario;

    private static string[] Row(ScenarioResult r)
    {
        var t = r.Tally;
        var result = !r.Ran ? "DID NOT RUN" : r.Passed ? "ok" : t.Lost + t.Duplicated + t.Reordered > 0 ? "FAIL" : $"FAIL ({t.Findings.Count} checks)";
        return
        [
            Label(r), N(t.Sent), N(t.Answered), N(t.Applied), N(t.Lost), N(t.Duplicated), N(t.Reordered),
            N(t.CallbacksOwed), N(t.CallbacksDelivered), N(t.CallbacksDead),
            r.RecoverySeconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "-",
            result,
        ];
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
}
