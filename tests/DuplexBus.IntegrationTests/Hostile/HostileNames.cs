using System.Xml.Linq;

namespace DuplexBus.IntegrationTests.Hostile;

public enum Soap
{
    S11,
    S12,
}

public enum Wsa
{
    /// <summary>Plain SOAP: no WS-Addressing headers (BasicHttpBinding).</summary>
    None,

    /// <summary>WS-Addressing 2004/08.</summary>
    V04,

    /// <summary>WS-Addressing 1.0.</summary>
    V10,
}

public enum Rm
{
    V10,
    V11,
}

/// <summary>The namespaces and actions the corpus writes and expects.</summary>
public static class HostileNames
{
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Wsa10 = "http://www.w3.org/2005/08/addressing";
    public static readonly XNamespace Wsa04 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static readonly XNamespace AddressingNone = "http://schemas.microsoft.com/ws/2005/05/addressing/none";
    public static readonly XNamespace Rm10 = "http://schemas.xmlsoap.org/ws/2005/02/rm";
    public static readonly XNamespace Rm11 = "http://docs.oasis-open.org/ws-rx/wsrm/200702";
    public static readonly XNamespace Dispatcher = "http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher";
    public static readonly XNamespace Samples = "urn:duplexbus:samples";

    /// <summary>What the mutations change a namespace to: one nobody understands.</summary>
    public static readonly XNamespace Changed = "urn:duplexbus:hostile:changed";

    public const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";
    public const string GetStatusAction = "urn:duplexbus:samples/WorkService/GetStatus";
    public const string StartWorkAction = "urn:duplexbus:samples/WorkService/StartWork";
    public const string UnknownAction = "urn:duplexbus:samples/WorkService/Nope";

    public const string Wsa10Anonymous = "http://www.w3.org/2005/08/addressing/anonymous";
    public const string Wsa04Anonymous = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";

    /// <summary>WS-Addressing 1.0 SOAP binding §6: the action of the faults WS-Addressing defines.</summary>
    public const string Wsa10Fault = "http://www.w3.org/2005/08/addressing/fault";

    /// <summary>WS-Addressing 1.0 SOAP binding §6: the action of SOAP-defined faults (and WS-RM 1.0's default).</summary>
    public const string Wsa10SoapFault = "http://www.w3.org/2005/08/addressing/soap/fault";

    public const string Wsa04Fault = "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault";
    public const string Rm11Fault = "http://docs.oasis-open.org/ws-rx/wsrm/200702/fault";

    public static XNamespace Of(Soap soap) => soap == Soap.S12 ? Soap12 : Soap11;

    public static XNamespace Of(Wsa wsa) => wsa == Wsa.V04 ? Wsa04 : Wsa10;

    public static XNamespace Of(Rm rm) => rm == Rm.V11 ? Rm11 : Rm10;

    public static string Anonymous(Wsa wsa) => wsa == Wsa.V04 ? Wsa04Anonymous : Wsa10Anonymous;

    public static string RmAction(Rm rm, string name) => Of(rm).NamespaceName + "/" + name;

    public static string Label(Soap soap) => soap == Soap.S12 ? "SOAP 1.2" : "SOAP 1.1";

    public static string Label(Wsa wsa) => wsa switch { Wsa.V04 => "WSA 2004/08", Wsa.V10 => "WSA 1.0", _ => "no WSA" };

    public static string Label(Rm rm) => rm == Rm.V11 ? "RM 1.1" : "RM 1.0";
}
