using System.Diagnostics.CodeAnalysis;
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

    /// <summary>Translates the body, or names the DeserializationFailed fault a body that does not match deserves.</summary>
    public bool TryTranslate(OperationBody body, [NotNullWhen(true)] out object? message, [NotNullWhen(false)] out SoapFault? fault)
    {
        var translated = translate(body);
        if (body.Problem is { } problem)
        {
            (message, fault) = (null, SoapFaults.DeserializationFailed(Name, problem));
            return false;
        }
        (message, fault) = (translated, null);
        return true;
    }
}
