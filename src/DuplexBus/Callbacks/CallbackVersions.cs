using DuplexBus.Protocol.Soap;

namespace DuplexBus.Callbacks;

/// <summary>The names a <see cref="CallbackEndpoint"/> stores for the SOAP and WS-Addressing versions.</summary>
public static class CallbackVersions
{
    public static string NameOf(SoapVersion soap) => soap == SoapVersion.Soap11 ? "1.1" : "1.2";

    public static string NameOf(AddressingVersion addressing) =>
        addressing == AddressingVersion.August2004 ? "2004/08" : addressing == AddressingVersion.V10 ? "1.0" : "none";

    public static SoapVersion Soap(string name) => name == "1.1" ? SoapVersion.Soap11 : SoapVersion.Soap12;

    public static AddressingVersion Addressing(string name) => name switch
    {
        "2004/08" => AddressingVersion.August2004,
        "none" => AddressingVersion.None,
        _ => AddressingVersion.V10,
    };
}
