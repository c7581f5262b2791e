namespace DuplexBus.Edge.Security;

/// <summary>The <c>Identity.AuthenticationType</c> of each credential.</summary>
public static class SoapAuthenticationTypes
{
    public const string Basic = "Basic";
    public const string UsernameToken = "UsernameToken";
    public const string Certificate = "Certificate";
}
