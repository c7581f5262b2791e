using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace DuplexBus.Edge.Security;

public static class SecurityEndpointConventionBuilderExtensions
{
    /// <summary>Requires callers of a SOAP endpoint to authenticate as <paramref name="security"/> says.</summary>
    public static TBuilder RequireSoapAuthentication<TBuilder>(this TBuilder builder, SoapEndpointSecurity security)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(security);
        builder.Add(endpoint => endpoint.Metadata.Add(security));
        return builder;
    }

    /// <summary>Requires callers to authenticate with any of <paramref name="credentials"/>.</summary>
    public static TBuilder RequireSoapAuthentication<TBuilder>(this TBuilder builder, SoapCredentials credentials)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireSoapAuthentication(new SoapEndpointSecurity { Credentials = credentials });

    /// <summary>
    /// Endpoint security from configuration: <c>Credentials</c> (e.g. <c>Basic, UsernameToken</c>; empty or
    /// <c>None</c> serves anonymously), <c>Realm</c>, <c>AllowUnencrypted</c>.
    /// </summary>
    public static TBuilder RequireSoapAuthentication<TBuilder>(this TBuilder builder, IConfiguration section)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(section);
        var security = new SoapEndpointSecurity
        {
            Credentials = section.GetValue("Credentials", SoapCredentials.None),
            Realm = section["Realm"] is { Length: > 0 } realm ? realm : SoapEndpointSecurity.Anonymous.Realm,
            AllowUnencrypted = section.GetValue("AllowUnencrypted", false),
        };
        return security.RequiresAuthentication ? builder.RequireSoapAuthentication(security) : builder;
    }
}
