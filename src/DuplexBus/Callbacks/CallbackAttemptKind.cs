namespace DuplexBus.Callbacks;

public enum CallbackAttemptKind
{
    /// <summary>The client answered 2xx.</summary>
    Delivered,

    /// <summary>Connection error, timeout or 5xx: try again later.</summary>
    Failed,

    /// <summary>A 4xx, a SOAP fault, or an address the allow-list refuses: final.</summary>
    Refused,
}
