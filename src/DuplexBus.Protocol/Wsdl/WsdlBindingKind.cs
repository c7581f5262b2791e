namespace DuplexBus.Protocol.Wsdl;

/// <summary>One wsdl:binding of an endpoint: a SOAP version and, or not, a WS-RM version.</summary>
internal sealed record WsdlBindingKind(bool Soap12, int? RmVersion)
{
    /// <summary>The plain bindings first: clients that take the first port (zeep, node-soap) get plain SOAP 1.1.</summary>
    public static IEnumerable<WsdlBindingKind> Of(WsdlEndpoint endpoint)
    {
        foreach (var rm in new int?[] { null, 10, 11 })
        {
            if ((rm == 10 && !endpoint.ReliableMessaging10) || (rm == 11 && !endpoint.ReliableMessaging11))
                continue;
            if (endpoint.Soap11)
                yield return new WsdlBindingKind(false, rm);
            if (endpoint.Soap12)
                yield return new WsdlBindingKind(true, rm);
        }
    }

    /// <summary>Addressing is on for SOAP 1.2 and for every reliable binding (WS-RM needs it), off for plain SOAP 1.1.</summary>
    public bool Addressed => Soap12 || RmVersion is not null;

    public string Name(string contract) =>
        (Soap12 ? "Soap12" : "Soap11") + (RmVersion switch { 10 => "ReliableMessaging10", 11 => "ReliableMessaging11", _ => "" }) + "Binding_" + contract;
}
