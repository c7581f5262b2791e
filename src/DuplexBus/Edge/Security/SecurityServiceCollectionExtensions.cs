using DuplexBus.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge.Security;

internal static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// The edge's authentication: options from <paramref name="section"/> (<c>DuplexBus:Security</c>) and, unless the
    /// application registered its own <see cref="ISoapCredentialValidator"/>, the one bound to configuration.
    /// </summary>
    public static IServiceCollection AddDuplexBusSecurity(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<SoapSecurityOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SoapSecurityOptions>, SoapSecurityOptionsValidator>();
        services.AddOptions<CredentialOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CredentialOptions>, CredentialOptionsRules>();
        services.TryAddSingleton<ISoapCredentialValidator, ConfigurationCredentialValidator>();
        services.AddSingleton<SoapAuthenticator>();
        return services;
    }
}
