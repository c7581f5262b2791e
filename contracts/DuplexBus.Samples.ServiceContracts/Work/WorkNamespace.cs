namespace DuplexBus.Samples.ServiceContracts.Work;

public static class WorkNamespace
{
    public const string Value = "urn:duplexbus:samples";
}
