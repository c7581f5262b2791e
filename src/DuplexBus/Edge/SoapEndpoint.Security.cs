using DuplexBus.Edge.Security;
using DuplexBus.Protocol.Soap;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Edge;

/// <summary>Authentication: the transport before the body is read, the UsernameToken once the envelope is parsed.</summary>
internal sealed partial class SoapEndpoint
{
    private SoapReadOptions? _tokenReadOptions;

    /// <summary>The reader's options for an endpoint that accepts a UsernameToken: wsse:Security is understood there.</summary>
    private SoapReadOptions ReadOptionsFor(SoapEndpointSecurity security) =>
        !security.Accepts(SoapCredentials.UsernameToken)
            ? _readOptions
            : _tokenReadOptions ??= _readOptions with
            {
                UnderstoodHeaders = _readOptions.UnderstoodHeaders.Append(WsSecurityNames.SecurityHeader).ToHashSet(),
            };

    /// <summary>Null to go on; otherwise the outcome of a refusal already answered (401/403, nothing read).</summary>
    private async Task<string?> AuthenticateTransportAsync(HttpContext http, SoapEndpointSecurity security)
    {
        if (!security.RequiresAuthentication)
            return null;
        var check = await http.RequestServices.GetRequiredService<SoapAuthenticator>().CheckTransportAsync(http, security).ConfigureAwait(false);
        if (check.Outcome != TransportOutcome.Refused)
            return null;
        RecordFault(check.Status == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden", check.Reason ?? "");
        http.Response.StatusCode = check.Status;
        if (check.Challenge is not null)
            http.Response.Headers.WWWAuthenticate = check.Challenge;
        return check.Status == StatusCodes.Status401Unauthorized ? "unauthorized" : "forbidden";
    }

    /// <summary>The UsernameToken check, when the transport did not already authenticate the caller.</summary>
    private static async Task<SoapFault?> AuthenticateTokenAsync(HttpContext http, SoapEndpointSecurity security, SoapEnvelope envelope)
    {
        if (!security.Accepts(SoapCredentials.UsernameToken) || http.User.Identity?.IsAuthenticated == true)
            return null;
        return await http.RequestServices.GetRequiredService<SoapAuthenticator>().CheckTokenAsync(http, envelope).ConfigureAwait(false);
    }

    /// <summary>Every SOAP response of a UsernameToken endpoint carries a wsse:Security timestamp.</summary>
    private static byte[] SecureResponse(HttpContext http, SoapVersion version, byte[] envelope) =>
        SoapAuthenticator.SecurityOf(http).Accepts(SoapCredentials.UsernameToken)
            ? http.RequestServices.GetRequiredService<SoapAuthenticator>().StampResponse(envelope, version)
            : envelope;
}
