using System.Globalization;
using System.Xml.Linq;
using static DuplexBus.Protocol.Wsdl.WsdlNamespaces;

namespace DuplexBus.Protocol.Wsdl;

/// <summary>
/// The WS-Policy a binding points at, in the form WCF writes it (WS-Policy 1.2, one alternative): addressing, the
/// reliable-session assertion of the binding's WS-RM version, and context exchange. WCF-built clients (svcutil, Add
/// Service Reference) configure themselves from it; zeep, node-soap and SoapUI ignore it.
/// </summary>
internal static class WsdlPolicy
{
    public static string Id(string bindingName) => bindingName + "_policy";

    public static XElement For(WsdlBindingKind binding, string bindingName, WsdlEndpoint endpoint)
    {
        var all = new XElement(Policy + "All", Assertions(binding, endpoint));
        return new XElement(Policy + "Policy",
            new XAttribute(Wsu + "Id", Id(bindingName)),
            new XElement(Policy + "ExactlyOne", all));
    }

    public static IEnumerable<XElement> Assertions(WsdlBindingKind binding, WsdlEndpoint endpoint)
    {
        if (binding.RmVersion == 10)
            yield return Rm10(endpoint);
        else if (binding.RmVersion == 11)
            yield return Rm11(endpoint);
        if (binding.Addressed)
            yield return new XElement(AddressingWsdl + "UsingAddressing");
        if (endpoint.ContextExchange)
        {
            // WCF's ContextBindingElement: the SOAP header on addressed bindings (wsHttpContextBinding), the
            // WscContext cookie on plain SOAP 1.1 (basicHttpContextBinding). The edge takes both; this says which
            // one a WCF client of that binding sends.
            yield return binding.Addressed
                ? new XElement(ContextExchange + "IncludeContext", new XAttribute("ProtectionLevel", "None"))
                : new XElement(HttpCookie + "HttpUseCookie");
        }
    }

    /// <summary>WS-RM 1.0: the February 2005 RM policy, timings in its own namespace (WS-RM Policy, B3002).</summary>
    private static XElement Rm10(WsdlEndpoint endpoint) =>
        new(Rm10Policy + "RMAssertion",
            Milliseconds(Rm10Policy + "InactivityTimeout", endpoint.InactivityTimeout),
            Milliseconds(Rm10Policy + "AcknowledgementInterval", endpoint.AcknowledgementInterval));

    /// <summary>
    /// WS-RM 1.1: the OASIS assertion with a nested policy naming the delivery assurance, then WCF's timings in WCF's
    /// namespace, since WS-RM Policy 1.1 has no element for them.
    /// </summary>
    private static XElement Rm11(WsdlEndpoint endpoint)
    {
        var assurance = new XElement(Policy + "Policy", new XElement(Rm11Policy + "ExactlyOnce"));
        if (endpoint.Ordered)
            assurance.Add(new XElement(Rm11Policy + "InOrder"));
        return new XElement(Rm11Policy + "RMAssertion",
            new XElement(Policy + "Policy", new XElement(Rm11Policy + "DeliveryAssurance", assurance)),
            Milliseconds(Rm11Net + "InactivityTimeout", endpoint.InactivityTimeout),
            Milliseconds(Rm11Net + "AcknowledgementInterval", endpoint.AcknowledgementInterval));
    }

    private static XElement Milliseconds(XName name, TimeSpan value) =>
        new(name, new XAttribute("Milliseconds", ((ulong)Math.Round(value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)));
}
