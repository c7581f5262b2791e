namespace DuplexBus.Edge.Operations;

/// <summary>One operation of a SOAP service, found by its action.</summary>
public abstract class SoapOperation(string name, string action)
{
    public string Name { get; } = name;

    public string Action { get; } = action;
}
