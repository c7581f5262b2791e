namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>A row of the host's callback table, as a test reads it.</summary>
public sealed record StoredCallback(Guid Id, StoredCallbackState State, int Attempts, int? LastStatusCode, string Address);
