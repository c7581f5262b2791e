namespace DuplexBus.Edge.Operations;

/// <summary>
/// A one-way operation: its body becomes one bus message, written to the outbox. The answer is 202 once committed.
/// </summary>
public sealed class OneWayOperation(string name, string action, Type messageType, Func<OperationBody, object> translate)
    : SoapOperation(name, action)
{
    public Type MessageType { get; } = messageType;

    public object Translate(OperationBody body) => translate(body);
}
