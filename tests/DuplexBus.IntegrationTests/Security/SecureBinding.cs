using System.Net;
using System.ServiceModel;
using System.ServiceModel.Channels;
using System.Text;

namespace DuplexBus.IntegrationTests.Security;

/// <summary>The WCF client configurations the secured edge serves over HTTPS.</summary>
public static class SecureBinding
{
    public const string BasicTransportBasic = "BasicHttpBinding Transport + Basic";
    public const string WsHttpReliableBasic = "WSHttpBinding Transport + Basic, reliable session (RM 1.0)";
    public const string Rm11Basic = "CustomBinding RM 1.1 + HTTPS Basic";
    public const string BasicUserName = "BasicHttpBinding TransportWithMessageCredential + UserName";
    public const string Rm10UserName = "CustomBinding RM 1.0 over UserNameOverTransport + HTTPS";
    public const string Rm11UserName = "CustomBinding RM 1.1 over UserNameOverTransport + HTTPS";
    public const string Certificate = "BasicHttpBinding Transport + client certificate";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Basic => [BasicTransportBasic, WsHttpReliableBasic, Rm11Basic];

    public static TheoryData<string> UserName => [BasicUserName, Rm10UserName, Rm11UserName];

    public static bool IsReliable(string name) => name is WsHttpReliableBasic or Rm11Basic or Rm10UserName or Rm11UserName;

    public static Binding Create(string name)
    {
        Binding binding = name switch
        {
            BasicTransportBasic => BasicHttp(BasicHttpSecurityMode.Transport, HttpClientCredentialType.Basic),
            WsHttpReliableBasic => WsHttpReliable(),
            Rm11Basic => ReliableOver(ReliableMessagingVersion.WSReliableMessaging11, null, new HttpsTransportBindingElement { AuthenticationScheme = AuthenticationSchemes.Basic }),
            BasicUserName => BasicHttpUserName(),
            Rm10UserName => ReliableOver(ReliableMessagingVersion.WSReliableMessagingFebruary2005, SecurityBindingElement.CreateUserNameOverTransportBindingElement(), new HttpsTransportBindingElement()),
            Rm11UserName => ReliableOver(ReliableMessagingVersion.WSReliableMessaging11, SecurityBindingElement.CreateUserNameOverTransportBindingElement(), new HttpsTransportBindingElement()),
            Certificate => BasicHttp(BasicHttpSecurityMode.Transport, HttpClientCredentialType.Certificate),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        binding.OpenTimeout = binding.SendTimeout = binding.CloseTimeout = Timeout;
        return binding;
    }

    private static BasicHttpBinding BasicHttp(BasicHttpSecurityMode mode, HttpClientCredentialType credential)
    {
        var binding = new BasicHttpBinding(mode);
        binding.Security.Transport.ClientCredentialType = credential;
        return binding;
    }

    private static BasicHttpBinding BasicHttpUserName()
    {
        var binding = new BasicHttpBinding(BasicHttpSecurityMode.TransportWithMessageCredential);
        binding.Security.Message.ClientCredentialType = BasicHttpMessageCredentialType.UserName;
        return binding;
    }

    private static WSHttpBinding WsHttpReliable()
    {
        var binding = new WSHttpBinding(SecurityMode.Transport);
        binding.Security.Transport.ClientCredentialType = HttpClientCredentialType.Basic;
        binding.ReliableSession.Enabled = true;
        binding.ReliableSession.Ordered = true;
        return binding;
    }

    private static CustomBinding ReliableOver(ReliableMessagingVersion version, SecurityBindingElement? security, HttpsTransportBindingElement transport)
    {
        var elements = new List<BindingElement> { new ReliableSessionBindingElement(ordered: true) { ReliableMessagingVersion = version } };
        if (security is not null)
            elements.Add(security);
        elements.Add(new TextMessageEncodingBindingElement(MessageVersion.Soap12WSAddressing10, Encoding.UTF8));
        elements.Add(transport);
        return new CustomBinding(elements);
    }
}
