namespace DuplexBus.Callbacks;

public enum CallbackAttemptKind
{
    /// <summary>The client answered 2xx.</summary>
    Delivered,

    /// <summary>Connection error, timeout, 5xx (SOAP fault or not), 408, 425 or 429: try again later.</summary>
    Failed,

    /// <summary>Any other 4xx, a 3xx (redirects are not followed), or an address the allow-list refuses: final.</summary>
    Refused,
}
