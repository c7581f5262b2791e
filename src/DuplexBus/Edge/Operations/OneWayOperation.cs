using System.Diagnostics.CodeAnalysis;
using DuplexBus.Callbacks;
using DuplexBus.Edge.Soap;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// A one-way operation: its body becomes one bus message, written to the outbox. The answer is 202 once committed.
/// </summary>
public sealed class OneWayOperation(string name, string action, Type messageType, Func<OperationBody, object> translate)
    : SoapOperation(name, action)
{
    public Type MessageType { get; } = messageType;

    public object Translate(OperationBody body) => translate(body);

    /// <summary>
    /// <see cref="TryTranslate"/>, then the allow-list on what the callback host name resolves to now; a refusal is
    /// a fault and nothing is stored.
    /// </summary>
    public async Task<(object? Message, SoapFault? Fault)> TranslateAsync(OperationBody body, CallbackAddressGuard guard, AddressingVersion addressing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(guard);
        if (!TryTranslate(body, out var message, out var fault))
            return (null, fault);
        if (body.Callback is { } callback)
        {
            var check = await guard.CheckResolvedAsync(callback.Address, cancellationToken).ConfigureAwait(false);
            if (!check.Allowed)
                return (null, SoapFaults.CallbackAddressRefused(addressing, callback.Address, check.Reason ?? "not allowed"));
        }
        return (message, null);
    }

    /// <summary>Translates the body, or names the DeserializationFailed fault a body that does not match deserves.</summary>
    public bool TryTranslate(OperationBody body, [NotNullWhen(true)] out object? message, [NotNullWhen(false)] out SoapFault? fault)
    {
        var translated = translate(body);
        if (body.Fault is { } refused)
        {
            (message, fault) = (null, refused);
            return false;
        }
        if (body.Problem is { } problem)
        {
            (message, fault) = (null, SoapFaults.DeserializationFailed(Name, problem));
            return false;
        }
        (message, fault) = (translated, null);
        return true;
    }
}
