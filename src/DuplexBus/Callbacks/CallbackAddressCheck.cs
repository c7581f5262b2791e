namespace DuplexBus.Callbacks;

/// <summary>Whether a callback address may be called, and if not, why (worded for the operator who can change it).</summary>
public sealed record CallbackAddressCheck(bool Allowed, string? Reason)
{
    public static readonly CallbackAddressCheck Allow = new(true, null);

    public static CallbackAddressCheck Refuse(string reason) => new(false, reason);
}
