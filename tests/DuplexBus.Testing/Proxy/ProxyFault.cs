namespace DuplexBus.Testing.Proxy;

/// <summary>How a request fails on its way through the proxy, if it does.</summary>
internal enum ProxyFault
{
    None,
    DropRequest,
    DropReply,
}
