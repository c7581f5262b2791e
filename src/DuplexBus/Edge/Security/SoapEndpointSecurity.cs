namespace DuplexBus.Edge.Security;

/// <summary>
/// How one SOAP endpoint authenticates its callers; endpoint metadata, set with
/// <see cref="SecurityEndpointConventionBuilderExtensions.RequireSoapAuthentication{TBuilder}(TBuilder, SoapEndpointSecurity)"/>.
/// With <see cref="Credentials"/> other than <see cref="SoapCredentials.None"/> every request must authenticate
/// before anything is read into the message path.
/// </summary>
public sealed record SoapEndpointSecurity
{
    public static readonly SoapEndpointSecurity Anonymous = new();

    public SoapCredentials Credentials { get; init; }

    /// <summary>The realm of the Basic challenge.</summary>
    public string Realm { get; init; } = "DuplexBus";

    /// <summary>
    /// Serve an authenticating endpoint over plain HTTP too. Off by default: passwords and tokens then travel in
    /// clear, so such requests get 403.
    /// </summary>
    public bool AllowUnencrypted { get; init; }

    public bool RequiresAuthentication => Credentials != SoapCredentials.None;

    public bool Accepts(SoapCredentials credential) => (Credentials & credential) == credential && credential != SoapCredentials.None;
}
