namespace DuplexBus.Edge.Security;

/// <summary>
/// The credentials <see cref="ConfigurationCredentialValidator"/> accepts (configuration section
/// <c>DuplexBus:Security</c>).
/// </summary>
public sealed class CredentialOptions
{
    /// <summary>User name → <see cref="SecretHash"/> string (<c>PBKDF2-SHA256$…</c>), for Basic and PasswordText.</summary>
    public Dictionary<string, string> Users { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// User name → clear secret, for UsernameToken PasswordDigest only (a digest cannot be checked against a hash).
    /// Keep these in a secret store or the environment, never in a checked-in file.
    /// </summary>
    public Dictionary<string, string> DigestSecrets { get; set; } = new(StringComparer.Ordinal);

    public ClientCertificateOptions ClientCertificates { get; set; } = new();
}

/// <summary>Which TLS client certificates are accepted: by thumbprint, or by a chain to a trusted issuer.</summary>
public sealed class ClientCertificateOptions
{
    /// <summary>SHA-1 (as Windows shows it) or SHA-256 thumbprints, hex; case and spaces do not matter.</summary>
    public List<string> Thumbprints { get; set; } = [];

    /// <summary>PEM or DER files of CA certificates; a client certificate that chains to one of them is accepted.</summary>
    public List<string> TrustedIssuerFiles { get; set; } = [];
}
