namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>The stored values of the host's callback states.</summary>
public enum StoredCallbackState
{
    Pending = 0,
    Delivered = 1,
    DeadLettered = 2,
}
