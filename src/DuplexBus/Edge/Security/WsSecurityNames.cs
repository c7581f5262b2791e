using System.Xml.Linq;

namespace DuplexBus.Edge.Security;

/// <summary>The names of WS-Security 1.0/1.1 (OASIS 2004) and its UsernameToken profile.</summary>
public static class WsSecurityNames
{
    public static readonly XNamespace Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static readonly XNamespace Wsse11 = "http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd";
    public static readonly XNamespace Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    public const string PasswordTextType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    public const string PasswordDigestType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    public const string Base64Binary = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

    public static readonly XName SecurityHeader = Wsse + "Security";
    public static readonly XName UsernameTokenElement = Wsse + "UsernameToken";
    public static readonly XName Username = Wsse + "Username";
    public static readonly XName Password = Wsse + "Password";
    public static readonly XName Nonce = Wsse + "Nonce";
    public static readonly XName Timestamp = Wsu + "Timestamp";
    public static readonly XName Created = Wsu + "Created";
    public static readonly XName Expires = Wsu + "Expires";
}
