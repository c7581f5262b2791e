using DuplexBus.Samples.Contracts;
using MassTransit;

namespace DuplexBus.Samples.Sagas;

/// <summary>
/// The long-running instance behind the sample WorkService: one per instanceId. Items are applied in the order the
/// bus delivers them; the saga inbox makes each message count once.
/// </summary>
public sealed class WorkStateMachine : MassTransitStateMachine<WorkState>
{
    public WorkStateMachine()
    {
        InstanceState(s => s.CurrentState);

        Event(() => ItemAdded, e => e.CorrelateById(m => m.Message.InstanceId));
        Event(() => WorkStarted, e => e.CorrelateById(m => m.Message.InstanceId));

        Initially(
            When(ItemAdded).Then(c => Apply(c.Saga, c.Message)).TransitionTo(Open),
            When(WorkStarted).Then(c => Start(c.Saga, c.Message)).TransitionTo(Working));

        DuringAny(
            When(ItemAdded).Then(c => Apply(c.Saga, c.Message)),
            // Seam for the back-end work: the command to the worker and the completion event plug in here.
            When(WorkStarted).Then(c => Start(c.Saga, c.Message)).TransitionTo(Working));
    }

    public State Open { get; private set; } = null!;

    public State Working { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public Event<AddItem> ItemAdded { get; private set; } = null!;

    public Event<StartWork> WorkStarted { get; private set; } = null!;

    internal static void Apply(WorkState state, AddItem item)
    {
        state.InOrder = state.InOrder && item.Index == state.LastIndex + 1;
        state.LastIndex = item.Index;
        state.ItemCount++;
    }

    private static void Start(WorkState state, StartWork command)
    {
        state.Steps = command.Steps;
        state.WorkStartedAt = DateTime.UtcNow;
    }
}
