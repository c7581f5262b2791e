using DuplexBus.Callbacks;
using DuplexBus.Edge.Ingress;
using DuplexBus.Samples.Contracts;
using DuplexBus.Samples.ServiceContracts.Work;
using MassTransit;

namespace DuplexBus.Samples.Sagas;

/// <summary>
/// The long-running instance behind the sample WorkService: one per instanceId. Items are applied in the order the
/// bus delivers them; the saga inbox makes each message count once. StartWork records the callback address and
/// sends the back end a DoWork; its WorkDone completes the instance and writes the WorkCompleted callback — the
/// command, the callback and the state change commit together, through the outbox and the callback table.
/// </summary>
public sealed class WorkStateMachine : MassTransitStateMachine<WorkState>
{
    public WorkStateMachine()
    {
        InstanceState(s => s.CurrentState);

        Event(() => ItemAdded, e => e.CorrelateById(m => m.Message.InstanceId));
        Event(() => WorkStarted, e => e.CorrelateById(m => m.Message.InstanceId));
        Event(() => WorkFinished, e =>
        {
            e.CorrelateById(m => m.Message.InstanceId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => CallbackArrived, e =>
        {
            e.CorrelateById(m => m.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(ItemAdded).Then(c => Apply(c.Saga, c.Message)).TransitionTo(Open),
            When(WorkStarted).Then(Start).Publish(DoWork).TransitionTo(Working));

        DuringAny(
            When(ItemAdded).Then(c => Apply(c.Saga, c.Message)),
            When(WorkStarted).Then(Start).Publish(DoWork).TransitionTo(Working),
            When(WorkFinished)
                .If(c => c.Message.Run == c.Saga.Run && c.Saga.CompletedAt is null, done => done.Then(Complete).TransitionTo(Completed)),
            When(CallbackArrived).Then(c => c.Saga.CallbackDelivered = true));
    }

    public State Open { get; private set; } = null!;

    public State Working { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public Event<AddItem> ItemAdded { get; private set; } = null!;

    public Event<StartWork> WorkStarted { get; private set; } = null!;

    public Event<WorkDone> WorkFinished { get; private set; } = null!;

    public Event<CallbackDelivered> CallbackArrived { get; private set; } = null!;

    internal static void Apply(WorkState state, AddItem item)
    {
        state.InOrder = state.InOrder && item.Index == state.LastIndex + 1;
        state.LastIndex = item.Index;
        state.ItemCount++;
    }

    /// <summary>A new run: remember where to call back. Its DoWork is published after it, through the outbox.</summary>
    private static void Start(BehaviorContext<WorkState, StartWork> context)
    {
        var state = context.Saga;
        state.Run++;
        state.Steps = context.Message.Steps;
        state.WorkStartedAt = DateTime.UtcNow;
        state.CompletedAt = null;
        state.Callback = context.Message.Callback;
        state.CallbackDelivered = false;
    }

    /// <summary>The back end's command for the current run.</summary>
    private static DoWork DoWork(BehaviorContext<WorkState, StartWork> context) =>
        new(context.Saga.CorrelationId, context.Saga.Run, context.Saga.Steps);

    /// <summary>The run is done: record it and, when the client gave an address, write its WorkCompleted callback.</summary>
    private static void Complete(BehaviorContext<WorkState, WorkDone> context)
    {
        var state = context.Saga;
        state.CompletedAt = DateTime.UtcNow;
        if (state.Callback is not { } callback)
            return;
        context.GetServiceOrCreateInstance<CallbackWriter>().Add<IWorkCallback>(
            callback,
            client => client.WorkCompleted(state.CorrelationId, state.ItemCount),
            DeterministicGuid.Create(context.MessageId!.Value, "work-completed"),
            state.CorrelationId);
    }
}
