namespace DuplexBus.Callbacks;

/// <summary>Raised while connecting when every address a callback host resolves to is refused by the allow-list.</summary>
public sealed class CallbackAddressRefusedException : Exception
{
    public CallbackAddressRefusedException()
    {
    }

    public CallbackAddressRefusedException(string message)
        : base(message)
    {
    }

    public CallbackAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
