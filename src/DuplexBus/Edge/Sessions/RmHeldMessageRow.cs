namespace DuplexBus.Edge.Sessions;

/// <summary>A one-way message of an ordered sequence that arrived before a lower number (table rm_held_message).</summary>
public sealed class RmHeldMessageRow
{
    public string SequenceId { get; set; } = "";

    public long Number { get; set; }

    /// <summary>The contract's message URN, as in the outbox; null for a message without effect (1.0 LastMessage).</summary>
    public string? MessageType { get; set; }

    public string? Body { get; set; }
}
