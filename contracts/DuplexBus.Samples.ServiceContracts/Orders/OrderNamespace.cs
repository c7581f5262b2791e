namespace DuplexBus.Samples.ServiceContracts.Orders;

public static class OrderNamespace
{
    public const string Value = "urn:duplexbus:samples:orders";
}
