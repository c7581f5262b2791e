namespace DuplexBus.Edge.Security;

/// <summary>
/// The credentials an endpoint accepts. Combined, a request authenticates with any one of them; a credential that
/// is present but wrong is refused, never passed over for another.
/// </summary>
[Flags]
public enum SoapCredentials
{
    /// <summary>No authentication: every request is served anonymously.</summary>
    None = 0,

    /// <summary>HTTP Basic over HTTPS: a 401 with <c>WWW-Authenticate: Basic</c> when it is missing or wrong.</summary>
    Basic = 1,

    /// <summary>A WS-Security UsernameToken (PasswordText or PasswordDigest) in a <c>wsse:Security</c> header.</summary>
    UsernameToken = 2,

    /// <summary>A TLS client certificate (the HTTPS port must allow one; see <c>ClientCertificateMode</c>).</summary>
    ClientCertificate = 4,
}
