using System.Net;

namespace DuplexBus.Callbacks;

public sealed partial class CallbackAddressPolicy
{
    /// <summary>
    /// Address ranges that are not the public internet: a callback to them reaches the server's own machine or
    /// network, so they need an explicit AllowedNetworks entry.
    /// </summary>
    private static class SpecialRanges
    {
        private static readonly (IPNetwork Network, string Kind)[] Ranges =
        [
            (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (\"this network\")"),
            (IPNetwork.Parse("10.0.0.0/8"), "a private"),
            (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT (shared)"),
            (IPNetwork.Parse("127.0.0.0/8"), "a loopback"),
            (IPNetwork.Parse("169.254.0.0/16"), "a link-local"),
            (IPNetwork.Parse("172.16.0.0/12"), "a private"),
            (IPNetwork.Parse("192.168.0.0/16"), "a private"),
            (IPNetwork.Parse("224.0.0.0/4"), "a multicast"),
            (IPNetwork.Parse("255.255.255.255/32"), "the broadcast"),
            (IPNetwork.Parse("240.0.0.0/4"), "a reserved"),
            (IPNetwork.Parse("::/128"), "the unspecified"),
            (IPNetwork.Parse("::1/128"), "the loopback"),
            (IPNetwork.Parse("fc00::/7"), "a unique-local (private)"),
            (IPNetwork.Parse("fe80::/10"), "a link-local"),
            (IPNetwork.Parse("ff00::/8"), "a multicast"),
        ];

        // AWS, GCP and Azure answer on 169.254.169.254, AWS also on fd00:ec2::254 (IPv6 instances), Alibaba on 100.100.100.200.
        private static readonly IPAddress[] CloudMetadata =
        [
            IPAddress.Parse("169.254.169.254"),
            IPAddress.Parse("fd00:ec2::254"),
            IPAddress.Parse("100.100.100.200"),
        ];

        /// <summary>The kind of special range the address is in ("a private", …), or null for a public address.</summary>
        public static string? Find(IPAddress address)
        {
            foreach (var (network, kind) in Ranges)
            {
                if (network.Contains(address))
                    return kind;
            }
            return null;
        }

        public static bool IsCloudMetadata(IPAddress address) => CloudMetadata.Any(a => a.Equals(address));
    }
}
