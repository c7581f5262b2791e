namespace DuplexBus.OperatorConsole;

/// <summary>An open reliable sequence as the console lists it.</summary>
internal sealed record SequenceView(
    string Id, string Endpoint, string Client, string RmVersion, bool Ordered, string Acknowledged, long? LastNumber, DateTime CreatedAt, DateTime LastActivityAt);

/// <summary>How many instances of one saga are in one state.</summary>
internal sealed record SagaStateCount(string Saga, string State, long Count);

/// <summary>One saga instance, its persisted fields as text.</summary>
internal sealed record SagaInstanceView(string Saga, Guid InstanceId, IReadOnlyDictionary<string, string?> Fields);

/// <summary>A parked message as the console lists it: never its body.</summary>
internal sealed record ParkedView(Guid Id, string Source, Guid MessageId, string MessageType, string Reason, DateTime ParkedAt);

/// <summary>A dead-lettered callback as the console lists it: never its body.</summary>
internal sealed record DeadCallbackView(Guid Id, Guid? InstanceId, string Address, string Action, int Attempts, int? LastStatusCode, string? LastError, DateTime CreatedAt);

/// <summary>What the operator asked to replay.</summary>
internal sealed record ReplayRequest(IReadOnlyList<Guid> Ids);

/// <summary>What a replay did: the ids that went back in line, and those that did not (with why).</summary>
internal sealed record ReplayAnswer(IReadOnlyList<Guid> Replayed, IReadOnlyDictionary<Guid, string> NotReplayed);
