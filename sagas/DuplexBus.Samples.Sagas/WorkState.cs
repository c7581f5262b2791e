using DuplexBus.Callbacks;
using MassTransit;

namespace DuplexBus.Samples.Sagas;

/// <summary>The persisted state of one work instance: what <c>GetStatus</c> reports.</summary>
public sealed class WorkState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    /// <summary>"Open", "Working" or "Completed" (the names GetStatus reports).</summary>
    public string CurrentState { get; set; } = "";

    /// <summary>Distinct AddItem messages applied.</summary>
    public int ItemCount { get; set; }

    /// <summary>Index of the last item applied.</summary>
    public int LastIndex { get; set; }

    /// <summary>Every applied item had index == previous LastIndex + 1.</summary>
    public bool InOrder { get; set; } = true;

    /// <summary>Units of work requested by the last StartWork.</summary>
    public int Steps { get; set; }

    public DateTime? WorkStartedAt { get; set; }

    /// <summary>How many times StartWork came; the back end's completion names the run it belongs to.</summary>
    public int Run { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>Where WorkCompleted goes (from the last StartWork); null: no callback.</summary>
    public CallbackEndpoint? Callback { get; set; }

    public bool CallbackDelivered { get; set; }
}
