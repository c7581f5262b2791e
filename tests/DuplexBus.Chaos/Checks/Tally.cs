namespace DuplexBus.Chaos.Checks;

/// <summary>The counts of one scenario run, as the table shows them.</summary>
internal sealed class Tally
{
    public int Sent { get; set; }

    public int Answered { get; set; }

    public int Applied { get; set; }

    public int Lost { get; set; }

    public int Duplicated { get; set; }

    public int Reordered { get; set; }

    public int CallbacksOwed { get; set; }

    public int CallbacksDelivered { get; set; }

    public int CallbacksDead { get; set; }

    /// <summary>One line per loss, duplicate, reorder or failed check, naming the instance and the evidence.</summary>
    public List<string> Findings { get; } = [];
}
