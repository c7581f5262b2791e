namespace DuplexBus.Callbacks;

/// <summary>Where a callback is on its way to the client.</summary>
public enum CallbackState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending = 0,

    /// <summary>The client answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Given up: a final refusal or the retry bound; kept for listing and replay.</summary>
    DeadLettered = 2,
}
