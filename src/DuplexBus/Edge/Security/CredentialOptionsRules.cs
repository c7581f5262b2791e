using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Security;

/// <summary>Every configured hash parses and every issuer file exists, so a typo stops the host at start-up.</summary>
internal sealed class CredentialOptionsRules : IValidateOptions<CredentialOptions>
{
    public ValidateOptionsResult Validate(string? name, CredentialOptions options)
    {
        foreach (var (user, hash) in options.Users)
        {
            if (!SecretHash.IsWellFormed(hash))
                return ValidateOptionsResult.Fail($"DuplexBus:Security:Users:{user} is not a {SecretHash.Scheme} hash; make one with `DuplexBus.Host hash-secret`.");
        }
        foreach (var file in options.ClientCertificates.TrustedIssuerFiles)
        {
            if (!File.Exists(file))
                return ValidateOptionsResult.Fail($"DuplexBus:Security:ClientCertificates:TrustedIssuerFiles names '{file}', which does not exist.");
        }
        return ValidateOptionsResult.Success;
    }
}
