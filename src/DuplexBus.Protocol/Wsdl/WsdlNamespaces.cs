using System.Xml.Linq;

namespace DuplexBus.Protocol.Wsdl;

/// <summary>The namespaces a WCF-style WSDL 1.1 document is written in, with the prefixes WCF gives them.</summary>
internal static class WsdlNamespaces
{
    public static readonly XNamespace Wsdl11 = "http://schemas.xmlsoap.org/wsdl/";
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    public static readonly XNamespace Soap12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
    public static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    /// <summary>WS-Policy 1.2, the version WCF writes by default.</summary>
    public static readonly XNamespace Policy = "http://schemas.xmlsoap.org/ws/2004/09/policy";

    public static readonly XNamespace Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    /// <summary>WS-Addressing 1.0 WSDL binding: <c>wsaw:UsingAddressing</c>.</summary>
    public static readonly XNamespace AddressingWsdl = "http://www.w3.org/2006/05/addressing/wsdl";

    /// <summary>WS-Addressing 1.0 Metadata: <c>wsam:Action</c> on portType messages.</summary>
    public static readonly XNamespace AddressingMetadata = "http://www.w3.org/2007/05/addressing/metadata";

    /// <summary>WS-RM Policy for WS-RM 1.0 (February 2005).</summary>
    public static readonly XNamespace Rm10Policy = "http://schemas.xmlsoap.org/ws/2005/02/rm/policy";

    /// <summary>WS-RM Policy 1.1 (OASIS, February 2007).</summary>
    public static readonly XNamespace Rm11Policy = "http://docs.oasis-open.org/ws-rx/wsrmp/200702";

    /// <summary>WCF's own assertions nested in a WS-RM 1.1 <c>RMAssertion</c> (the 1.1 policy has no timeouts).</summary>
    public static readonly XNamespace Rm11Net = "http://schemas.microsoft.com/ws-rx/wsrmp/200702";

    /// <summary>Context exchange by SOAP header: <c>wsc:IncludeContext</c>.</summary>
    public static readonly XNamespace ContextExchange = "http://schemas.microsoft.com/ws/2006/05/context";

    /// <summary>Context exchange by HTTP cookie: <c>http:HttpUseCookie</c> (basicHttpContextBinding).</summary>
    public static readonly XNamespace HttpCookie = "http://schemas.xmlsoap.org/soap/http";

    public const string HttpTransport = "http://schemas.xmlsoap.org/soap/http";
}
