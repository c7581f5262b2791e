using System.ServiceModel;
using System.ServiceModel.Channels;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>The client configurations of the walking skeleton: plain SOAP 1.1, and SOAP 1.2 with WS-Addressing 1.0.</summary>
public static class ClientBinding
{
    public const string Basic = "BasicHttpBinding";
    public const string WsHttp = "WSHttpBinding(SecurityMode.None)";

    public static Binding Create(string name) => name switch
    {
        Basic => new BasicHttpBinding(),
        WsHttp => new WSHttpBinding(SecurityMode.None),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static TheoryData<string> All => [Basic, WsHttp];
}
