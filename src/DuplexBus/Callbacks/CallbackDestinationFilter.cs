using System.Net;

namespace DuplexBus.Callbacks;

/// <summary>
/// Which callback addresses an operator means by a destination: a URI (its scheme, host and port — the destination
/// a pause is kept for; the path does not narrow it), or a host with or without a port (any scheme).
/// </summary>
public sealed class CallbackDestinationFilter
{
    private readonly string? _scheme;
    private readonly string _host;
    private readonly int? _port;

    private CallbackDestinationFilter(string? scheme, string host, int? port)
    {
        _scheme = scheme;
        _host = host;
        _port = port;
    }

    /// <summary>Reads <c>http://host:port/path</c>, <c>host:port</c>, <c>host</c>, <c>[::1]:8080</c> or <c>::1</c>.</summary>
    public static bool TryParse(string? value, out CallbackDestinationFilter? filter)
    {
        filter = null;
        if (string.IsNullOrWhiteSpace(value))
            return false;
        value = value.Trim();
        if (value.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
                return false;
            filter = new(uri.Scheme, uri.Host, uri.Port);
            return true;
        }
        // A bare IPv6 address has colons that are not a port.
        if (IPAddress.TryParse(value, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !value.StartsWith('['))
            value = "[" + value + "]";
        // An unregistered scheme leaves the port at -1 when none is written, so "host" and "host:80" stay apart.
        if (!Uri.TryCreate("destination://" + value, UriKind.Absolute, out var hostPort) || hostPort.Host.Length == 0
            || hostPort.AbsolutePath is not ("" or "/") || hostPort.Query.Length != 0 || hostPort.UserInfo.Length != 0)
            return false;
        filter = new(null, hostPort.Host, hostPort.Port < 0 ? null : hostPort.Port);
        return true;
    }

    /// <summary>Whether a stored callback address goes to this destination.</summary>
    public bool Matches(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
            return false;
        return string.Equals(uri.Host, _host, StringComparison.OrdinalIgnoreCase)
            && (_scheme is null || string.Equals(uri.Scheme, _scheme, StringComparison.OrdinalIgnoreCase))
            && (_port is null || uri.Port == _port);
    }

    public override string ToString() => $"{(_scheme is null ? "" : _scheme + "://")}{_host}{(_port is null ? "" : ":" + _port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
}
