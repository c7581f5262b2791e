using System.Xml.Linq;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>The namespaces of PROTOCOLS.md and their prefixes, for reading and writing WS-RM envelopes in tests.</summary>
public static class RmNames
{
    public static readonly XNamespace Rm10 = "http://schemas.xmlsoap.org/ws/2005/02/rm";
    public static readonly XNamespace Rm11 = "http://docs.oasis-open.org/ws-rx/wsrm/200702";
    public static readonly XNamespace NetRm = "http://schemas.microsoft.com/ws/2006/05/rm";
    public static readonly XNamespace Wsa04 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static readonly XNamespace Wsa10 = "http://www.w3.org/2005/08/addressing";
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";

    private static readonly Dictionary<XNamespace, string> Prefixes = new()
    {
        [Rm10] = "rm10",
        [Rm11] = "rm11",
        [NetRm] = "netrm",
        [Wsa04] = "wsa04",
        [Wsa10] = "wsa10",
        [Soap11] = "s11",
        [Soap12] = "s12",
    };

    public static bool IsRm(XNamespace ns) => ns == Rm10 || ns == Rm11;

    public static string Prefixed(XName name) =>
        Prefixes.TryGetValue(name.Namespace, out var prefix) ? $"{prefix}:{name.LocalName}" : name.ToString();
}
