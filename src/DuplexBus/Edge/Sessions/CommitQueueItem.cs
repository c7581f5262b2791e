namespace DuplexBus.Edge.Sessions;

/// <summary>Something waiting in a <see cref="CommitQueue{TItem,TResult}"/>, and how its sender learns the outcome.</summary>
internal abstract record CommitQueueItem<TResult>
{
    public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The trace of the request that queued it (the commit runs on another flow): what it publishes continues it.</summary>
    public string? TraceParent { get; } = Outbox.OutboxTrace.Current();
}
