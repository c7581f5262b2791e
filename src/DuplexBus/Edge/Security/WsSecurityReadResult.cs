using System.Diagnostics.CodeAnalysis;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Security;

/// <summary>Either the UsernameToken of a message or the WS-Security fault to answer with.</summary>
internal readonly record struct WsSecurityReadResult(UsernameToken? Token, SoapFault? Fault)
{
    [MemberNotNullWhen(true, nameof(Token))]
    [MemberNotNullWhen(false, nameof(Fault))]
    public bool IsToken => Token is not null;

    public static WsSecurityReadResult Ok(UsernameToken token) => new(token, null);

    public static WsSecurityReadResult Failed(SoapFault fault) => new(null, fault);
}
