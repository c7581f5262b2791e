using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Security;

/// <summary>
/// The faults WS-Security names (SOAP Message Security 1.0/1.1, section 12; <c>wsu:MessageExpired</c> for
/// timestamps). Under SOAP 1.1 the code is the faultcode; under SOAP 1.2 it is the subcode of Sender.
/// </summary>
internal static class WsSecurityFaults
{
    /// <summary>An error was discovered processing the wsse:Security header.</summary>
    public static SoapFault InvalidSecurity(string reason) => Fault("InvalidSecurity", reason);

    /// <summary>An invalid security token was provided.</summary>
    public static SoapFault InvalidSecurityToken(string reason) => Fault("InvalidSecurityToken", reason);

    /// <summary>An unsupported token was provided.</summary>
    public static SoapFault UnsupportedSecurityToken(string reason) => Fault("UnsupportedSecurityToken", reason);

    /// <summary>
    /// The token could not be authenticated. One text for an unknown user, a wrong password and a used nonce, so a
    /// caller learns nothing about which user names exist.
    /// </summary>
    public static SoapFault FailedAuthentication() =>
        Fault("FailedAuthentication", "The security token could not be authenticated or authorized. Nothing was stored.");

    /// <summary>The message has expired (its timestamp is older than the endpoint accepts).</summary>
    public static SoapFault MessageExpired(string reason) =>
        new(FaultCode.Sender, [WsSecurityNames.Wsu + "MessageExpired"], reason + " Nothing was stored.");

    private static SoapFault Fault(string name, string reason) =>
        new(FaultCode.Sender, [WsSecurityNames.Wsse + name], reason.EndsWith("Nothing was stored.", StringComparison.Ordinal) ? reason : reason + " Nothing was stored.");
}
