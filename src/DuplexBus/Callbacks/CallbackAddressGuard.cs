using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace DuplexBus.Callbacks;

/// <summary>
/// The allow-list as the edge applies it when a call gives a callback address: the written address (scheme, host
/// pattern, IP literal) and, for a host name, every address it resolves to now. The dispatcher checks again when
/// it connects, because a name can resolve differently by then.
/// </summary>
public sealed class CallbackAddressGuard(IOptions<CallbackOptions> options, IOptions<Edge.EdgeOptions> edge)
{
    public CallbackAddressPolicy Policy { get; } = options.Value.Policy(edge.Value.MaxCallbackAddressLength);

    /// <summary>Resolves the host of an address the written check already allowed, and checks what it resolves to.</summary>
    public async Task<CallbackAddressCheck> CheckResolvedAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var uri = new Uri(address, UriKind.Absolute);
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
            return CallbackAddressCheck.Allow;
        IPAddress[] resolved;
        try
        {
            resolved = await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            return CallbackAddressCheck.Refuse($"{uri.IdnHost} does not resolve ({e.SocketErrorCode})");
        }
        if (resolved.Length == 0)
            return CallbackAddressCheck.Refuse($"{uri.IdnHost} resolves to no address");
        foreach (var ip in resolved)
        {
            var check = Policy.CheckIp(ip);
            if (!check.Allowed)
                return CallbackAddressCheck.Refuse($"{uri.IdnHost} resolves to {ip}: {check.Reason}");
        }
        return CallbackAddressCheck.Allow;
    }
}
