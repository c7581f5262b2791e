using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace DuplexBus.Callbacks;

/// <summary>
/// The allow-list for callback addresses. A client names the address, so an unchecked one lets it make the server
/// call anything the server can reach (SSRF): internal services, the cloud metadata endpoint. Host names are matched
/// here without resolving them; the dispatcher applies <see cref="CheckIp"/> to the address it actually connects to,
/// because a name can resolve differently at that time.
/// </summary>
public sealed partial class CallbackAddressPolicy
{
    private const string Setting = "DuplexBus:Callbacks";

    private readonly ImmutableHashSet<string> _schemes;
    private readonly ImmutableArray<HostPattern> _hosts;
    private readonly ImmutableArray<IPNetwork> _networks;

    public CallbackAddressPolicy(IEnumerable<string> allowedSchemes, IEnumerable<string> allowedHosts, IEnumerable<string> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedSchemes);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        _schemes = allowedSchemes.Select(s => s.Trim()).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
        _hosts = [.. allowedHosts.Select(HostPattern.Parse)];
        _networks = [.. allowedNetworks.Select(ParseNetwork)];
    }

    /// <summary>Refuses every address: what an edge without a configured allow-list does.</summary>
    public static CallbackAddressPolicy None { get; } = new([], [], []);

    /// <summary>Loopback only: what a demo or a single-machine test needs, and nothing else.</summary>
    public static CallbackAddressPolicy LoopbackOnly { get; } =
        new(["http", "https"], ["localhost", "127.0.0.1", "::1"], ["127.0.0.0/8", "::1/128"]);

    /// <summary>The longest address allowed, in characters; longer ones are refused before they are parsed.</summary>
    public int MaxAddressLength { get; init; } = DefaultMaxAddressLength;

    /// <summary>What the callback table's address column holds.</summary>
    public const int DefaultMaxAddressLength = 2048;

    public CallbackAddressCheck CheckAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length > MaxAddressLength)
            return CallbackAddressCheck.Refuse($"it is {address.Length} characters long, more than the maximum of {MaxAddressLength} (DuplexBus:Edge:MaxCallbackAddressLength)");

        // On Unix a rooted path parses as an absolute file URI; the scheme must be written out to count.
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || !address.TrimStart().StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
            return CallbackAddressCheck.Refuse($"'{address}' is not an absolute URI");
        if (!_schemes.Contains(uri.Scheme))
            return CallbackAddressCheck.Refuse($"the scheme '{uri.Scheme}' of '{address}' is not in {Setting}:AllowedSchemes");

        var host = uri.IdnHost.TrimEnd('.');
        if (host.Length == 0)
            return CallbackAddressCheck.Refuse($"'{address}' has no host");
        var ip = IpLiteral(uri, host);
        if (!_hosts.Any(h => h.Matches(host, ip)))
            return CallbackAddressCheck.Refuse($"the host '{uri.Host}' of '{address}' is not in {Setting}:AllowedHosts");
        return ip is null ? CallbackAddressCheck.Allow : CheckIp(ip);
    }

    public CallbackAddressCheck CheckIp(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        var address = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        if (_networks.Any(n => n.Contains(address)))
            return CallbackAddressCheck.Allow;
        if (SpecialRanges.Find(address) is not { } kind)
            return CallbackAddressCheck.Allow;

        var shown = ReferenceEquals(address, ip) ? address.ToString() : $"{address} (as {ip})";
        var metadata = SpecialRanges.IsCloudMetadata(address) ? " (cloud metadata)" : "";
        return CallbackAddressCheck.Refuse(
            $"{shown} is {kind} address{metadata}; add its network to {Setting}:AllowedNetworks to allow it");
    }

    // Uri keeps "10.0.0.1." and "0x7f.0.0.1." as names, but resolvers read them as addresses: so must the check.
    private static IPAddress? IpLiteral(Uri uri, string host) => uri.HostNameType switch
    {
        UriHostNameType.IPv4 => IPAddress.Parse(uri.Host),
        UriHostNameType.IPv6 => IPAddress.Parse(uri.Host.Trim('[', ']')),
        _ => IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork ? ip : null,
    };

    private static IPNetwork ParseNetwork(string network)
    {
        var text = network?.Trim() ?? string.Empty;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPNetwork.TryParse(text, out var parsed))
            throw new ArgumentException($"'{network}' in {Setting}:AllowedNetworks is not a network in CIDR notation (e.g. 10.1.0.0/16).", nameof(network));

        // The parser silently clears host bits; an operator who wrote 10.1.0.1/16 may have meant a narrower range.
        if (!IPAddress.Parse(text[..slash]).Equals(parsed.BaseAddress))
            throw new ArgumentException($"'{network}' in {Setting}:AllowedNetworks has host bits set; write {parsed} for that whole network.", nameof(network));
        return parsed;
    }

    /// <summary>An entry of AllowedHosts: a host, "*.domain" (subdomains only), or "*".</summary>
    private sealed record HostPattern(string? Name, string? Suffix, IPAddress? Ip, bool Any)
    {
        public static HostPattern Parse(string pattern)
        {
            var text = pattern?.Trim() ?? string.Empty;
            if (text.EndsWith('.') && !text.Contains('*', StringComparison.Ordinal))
                text = text[..^1];
            if (text == "*")
                return new HostPattern(null, null, null, Any: true);
            if (text.StartsWith("*.", StringComparison.Ordinal) && text.Length > 2 && !text[2..].Contains('*', StringComparison.Ordinal))
                return new HostPattern(null, text[1..], null, Any: false);
            if (text.Length == 0 || text.Contains('*', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal))
                throw new ArgumentException($"'{pattern}' in {Setting}:AllowedHosts is not a host, '*.domain' or '*'.", nameof(pattern));

            // IP literals compare as addresses, so "::1", "[::1]" and "0:0:0:0:0:0:0:1" are one host.
            var unbracketed = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
            return IPAddress.TryParse(unbracketed, out var ip) && (ip.AddressFamily == AddressFamily.InterNetworkV6 || IsDottedQuad(unbracketed))
                ? new HostPattern(null, null, ip, Any: false)
                : new HostPattern(text, null, null, Any: false);
        }

        public bool Matches(string host, IPAddress? ip) =>
            Any
            || (Ip is not null && ip is not null && Ip.Equals(ip))
            || (Name is not null && ip is null && string.Equals(host, Name, StringComparison.OrdinalIgnoreCase))
            || (Suffix is not null && ip is null && host.Length > Suffix.Length && host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase));

        // IPAddress also parses "1" or "10.1" as IPv4; such a pattern is more likely a host name than an address.
        private static bool IsDottedQuad(string text) => text.Count(c => c == '.') == 3;
    }
}
