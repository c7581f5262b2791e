using DuplexBus.Chaos.Checks;

namespace DuplexBus.Chaos.Report;

/// <summary>One run of one scenario: its tally, how long recovery took, and whether it ran at all.</summary>
internal sealed record ScenarioResult(string Scenario, int Round, Tally Tally, double? RecoverySeconds, string? Error)
{
    /// <summary>False when the scenario could not run to its checks: it never counts as passed.</summary>
    public bool Ran => Error is null;

    public bool Passed => Ran && Tally.Lost == 0 && Tally.Duplicated == 0 && Tally.Reordered == 0 && Tally.Findings.Count == 0;
}
