using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Edge.Operations;

/// <summary>One operation of a served contract, found by its action.</summary>
public abstract class SoapOperation
{
    private protected SoapOperation(OperationDescription description) => Description = description;

    public string Name => Description.Name;

    public string Action => Description.Action;

    internal OperationDescription Description { get; }

    /// <summary>The call needs the client's callback address (read, and checked against the allow-list, with the body).</summary>
    internal virtual bool TakesCallback => false;
}
