using DuplexBus.Protocol.Soap;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Security;

/// <summary>
/// Authenticates requests to endpoints that require it, in two steps: the transport (client certificate, HTTP
/// Basic) before the body is read, and the WS-Security UsernameToken once the envelope is parsed. On success
/// <c>HttpContext.User</c> is the authenticated principal; on failure nothing reaches the message path.
/// </summary>
internal sealed class SoapAuthenticator(
    ISoapCredentialValidator validator,
    IOptions<SoapSecurityOptions> options,
    TimeProvider time,
    ILogger<SoapAuthenticator> logger)
{
    private readonly SoapSecurityOptions _options = options.Value;
    private readonly WsSecurityLimits _limits = options.Value.Limits();
    private readonly NonceCache _nonces = new(options.Value.MaxNonces, options.Value.MaxMessageAge + options.Value.ClockSkew + options.Value.ClockSkew);

    public static SoapEndpointSecurity SecurityOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<SoapEndpointSecurity>() ?? SoapEndpointSecurity.Anonymous;

    public async Task<TransportCheck> CheckTransportAsync(HttpContext http, SoapEndpointSecurity security)
    {
        if (!security.RequiresAuthentication)
            return TransportCheck.Anonymous;
        if (!http.Request.IsHttps && !security.AllowUnencrypted)
            return Refused(http, TransportCheck.Forbidden("the endpoint requires authentication, which it accepts over HTTPS only"));

        if (security.Accepts(SoapCredentials.ClientCertificate)
            && await http.Connection.GetClientCertificateAsync(http.RequestAborted).ConfigureAwait(false) is { } certificate)
        {
            var principal = await validator.ValidateCertificateAsync(certificate, http.RequestAborted).ConfigureAwait(false);
            if (principal is null)
                return Refused(http, TransportCheck.Forbidden($"client certificate {certificate.Thumbprint} is not accepted"));
            return Authenticated(http, principal);
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (security.Accepts(SoapCredentials.Basic) && BasicCredentials.IsBasic(authorization))
        {
            var credentials = BasicCredentials.Parse(authorization);
            var principal = credentials is null
                ? null
                : await validator.ValidatePasswordAsync(credentials.UserName, credentials.Password, SoapAuthenticationTypes.Basic, http.RequestAborted).ConfigureAwait(false);
            if (principal is null)
                return Refused(http, TransportCheck.Unauthorized(security.Realm, "the Basic credentials are not accepted"));
            return Authenticated(http, principal);
        }

        if (security.Accepts(SoapCredentials.UsernameToken))
            return TransportCheck.NeedsToken;
        if (security.Accepts(SoapCredentials.Basic))
            return Refused(http, TransportCheck.Unauthorized(security.Realm, "no credentials"));
        return Refused(http, TransportCheck.Forbidden("no client certificate"));
    }

    /// <summary>Checks the envelope's UsernameToken; null when it authenticated the caller.</summary>
    public async Task<SoapFault?> CheckTokenAsync(HttpContext http, SoapEnvelope envelope)
    {
        var now = time.GetUtcNow();
        var read = WsSecurityHeader.Read(envelope.Headers, now, _limits);
        if (!read.IsToken)
            return TokenRefused(http, "UsernameToken", read.Fault);

        var token = read.Token;
        var principal = token.IsDigest
            ? await validator.ValidateDigestAsync(token, http.RequestAborted).ConfigureAwait(false)
            : await validator.ValidatePasswordAsync(token.UserName, token.Password, SoapAuthenticationTypes.UsernameToken, http.RequestAborted).ConfigureAwait(false);
        if (principal is null)
            return TokenRefused(http, token.ToString(), WsSecurityFaults.FailedAuthentication());

        // Only after the password is right, so nobody can use up another user's nonces.
        if (token.HasNonce)
        {
            switch (_nonces.TryUse(token.UserName, token.Nonce.AsSpan(), now))
            {
                case NonceUse.Replayed:
                    return TokenRefused(http, token.ToString(), WsSecurityFaults.FailedAuthentication() with
                    {
                        Reason = "The security token could not be authenticated or authorized: its nonce was used before. Nothing was stored.",
                    });
                case NonceUse.Full:
                    return TokenRefused(http, token.ToString(), WsSecurityFaults.InvalidSecurity("Too many recent nonces to remember another; send the message again later."));
            }
        }
        Authenticated(http, principal);
        return null;
    }

    /// <summary>Adds the wsse:Security timestamp every response of a UsernameToken endpoint carries.</summary>
    public byte[] StampResponse(byte[] envelope, SoapVersion version) =>
        ResponseSecurityHeader.Stamp(envelope, version, time.GetUtcNow(), _options.ResponseTimestampLifetime);

    private TransportCheck Authenticated(HttpContext http, System.Security.Claims.ClaimsPrincipal principal)
    {
        http.User = principal;
        logger.Authenticated(http.Request.Path, principal.Identity?.Name, principal.Identity?.AuthenticationType);
        return TransportCheck.Authenticated;
    }

    private TransportCheck Refused(HttpContext http, TransportCheck check)
    {
        logger.Refused(http.Request.Path, check.Status, check.Reason);
        return check;
    }

    private SoapFault TokenRefused(HttpContext http, string token, SoapFault fault)
    {
        logger.TokenRefused(http.Request.Path, token, fault.ToString());
        return fault;
    }
}
