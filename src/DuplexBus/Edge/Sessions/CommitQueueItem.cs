namespace DuplexBus.Edge.Sessions;

/// <summary>Something waiting in a <see cref="CommitQueue{TItem,TResult}"/>, and how its sender learns the outcome.</summary>
internal abstract record CommitQueueItem<TResult>
{
    public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
