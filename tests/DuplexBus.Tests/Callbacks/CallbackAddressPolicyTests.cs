using System.Net;
using DuplexBus.Callbacks;

namespace DuplexBus.Tests.Callbacks;

[Trait("Spec", "SAMPLE-CONTRACT callback allow-list")]
public sealed class CallbackAddressPolicyTests
{
    private static readonly string[] Web = ["http", "https"];

    private static CallbackAddressPolicy AnyHost(params string[] networks) => new(Web, ["*"], networks);

    [Theory]
    [InlineData("http://localhost/cb")]
    [InlineData("http://LOCALHOST:8080/cb")]
    [InlineData("https://127.0.0.1:5001/cb")]
    [InlineData("http://[::1]:8080/cb")]
    [InlineData("http://[0:0:0:0:0:0:0:1]/cb")]
    public void LoopbackOnly_allows_loopback_callbacks(string address)
    {
        Assert.Equal(CallbackAddressCheck.Allow, CallbackAddressPolicy.LoopbackOnly.CheckAddress(address));
    }

    public static TheoryData<string, string> LoopbackOnlyRefusals => new()
    {
        { "http://client.example/cb", "the host 'client.example' of 'http://client.example/cb' is not in DuplexBus:Callbacks:AllowedHosts" },
        { "http://127.0.0.2/cb", "is not in DuplexBus:Callbacks:AllowedHosts" },
        { "ftp://localhost/cb", "the scheme 'ftp' of 'ftp://localhost/cb' is not in DuplexBus:Callbacks:AllowedSchemes" },
        { "file:///etc/passwd", "the scheme 'file'" },
        { "/cb", "'/cb' is not an absolute URI" },
        { "cb/here", "'cb/here' is not an absolute URI" },
        { "", "'' is not an absolute URI" },
    };

    [Theory, MemberData(nameof(LoopbackOnlyRefusals))]
    public void LoopbackOnly_refuses_everything_else_and_says_why(string address, string reason)
    {
        var check = CallbackAddressPolicy.LoopbackOnly.CheckAddress(address);

        Assert.False(check.Allowed);
        Assert.Contains(reason, check.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> SpecialAddresses => new()
    {
        { "10.0.0.1", "10.0.0.1 is a private address; add its network to DuplexBus:Callbacks:AllowedNetworks to allow it" },
        { "172.16.5.4", "172.16.5.4 is a private address" },
        { "192.168.1.1", "192.168.1.1 is a private address" },
        { "169.254.169.254", "169.254.169.254 is a link-local address (cloud metadata); add its network to DuplexBus:Callbacks:AllowedNetworks to allow it" },
        { "169.254.1.1", "169.254.1.1 is a link-local address;" },
        { "fe80::1", "fe80::1 is a link-local address" },
        { "fd00:ec2::254", "fd00:ec2::254 is a unique-local (private) address (cloud metadata)" },
        { "fc00::5", "fc00::5 is a unique-local (private) address" },
        { "::ffff:10.0.0.1", "10.0.0.1 (as ::ffff:10.0.0.1) is a private address" },
        { "::ffff:169.254.169.254", "169.254.169.254 (as ::ffff:169.254.169.254) is a link-local address (cloud metadata)" },
        { "100.64.0.1", "100.64.0.1 is a carrier-grade NAT (shared) address" },
        { "127.0.0.1", "127.0.0.1 is a loopback address" },
        { "::1", "::1 is the loopback address" },
        { "0.0.0.0", "0.0.0.0 is an unspecified" },
        { "::", ":: is the unspecified address" },
        { "224.0.0.1", "224.0.0.1 is a multicast address" },
        { "ff02::1", "ff02::1 is a multicast address" },
        { "255.255.255.255", "255.255.255.255 is the broadcast address" },
        { "240.0.0.1", "240.0.0.1 is a reserved address" },
    };

    [Theory, MemberData(nameof(SpecialAddresses))]
    public void Special_addresses_are_refused_by_default_with_a_precise_reason(string ip, string reason)
    {
        var check = AnyHost().CheckIp(IPAddress.Parse(ip));

        Assert.False(check.Allowed);
        Assert.Contains(reason, check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://10.0.0.1/cb", "10.0.0.1 is a private address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "(cloud metadata)")]
    [InlineData("http://[fe80::1]/cb", "fe80::1 is a link-local address")]
    [InlineData("http://[::ffff:10.0.0.1]/cb", "10.0.0.1 (as ::ffff:10.0.0.1) is a private address")]
    [InlineData("http://100.64.0.1/cb", "carrier-grade NAT")]
    [InlineData("http://10.0.0.1./cb", "10.0.0.1 is a private address")]
    [InlineData("http://0xa.0.0.1./cb", "10.0.0.1 is a private address")]
    [InlineData("http://0x7f000001/cb", "127.0.0.1 is a loopback address")]
    [InlineData("http://[fe80::1%25eth0]/cb", "fe80::1 is a link-local address")]
    public void An_IP_literal_host_is_also_checked_against_the_special_ranges(string address, string reason)
    {
        var check = AnyHost().CheckAddress(address);

        Assert.False(check.Allowed);
        Assert.Contains(reason, check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    public void Public_addresses_need_no_network_entry(string ip)
    {
        Assert.True(AnyHost().CheckIp(IPAddress.Parse(ip)).Allowed);
    }

    [Fact]
    public void Any_host_pattern_allows_a_public_IP_literal()
    {
        Assert.Equal(CallbackAddressCheck.Allow, AnyHost().CheckAddress("http://8.8.8.8/cb"));
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.1.255.255", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("10.2.0.1", false)]
    [InlineData("10.0.255.255", false)]
    public void AllowedNetworks_opens_exactly_its_range(string ip, bool allowed)
    {
        var policy = AnyHost("10.1.0.0/16");

        Assert.Equal(allowed, policy.CheckIp(IPAddress.Parse(ip)).Allowed);
        Assert.Equal(allowed, policy.CheckAddress($"http://{IPAddress.Parse(ip).MapToIPv4()}/cb").Allowed);
    }

    [Theory]
    [InlineData("*.example.com", "https://a.example.com/cb", true)]
    [InlineData("*.example.com", "https://A.B.Example.COM/cb", true)]
    [InlineData("*.example.com", "https://example.com/cb", false)]
    [InlineData("*.example.com", "https://badexample.com/cb", false)]
    [InlineData("*.example.com", "https://a.example.com.evil.net/cb", false)]
    [InlineData("client.example.com", "https://CLIENT.example.com/cb", true)]
    [InlineData("client.example.com", "https://a.client.example.com/cb", false)]
    [InlineData("[::1]", "http://[::1]/cb", true)]
    [InlineData("::1", "http://[::1]/cb", true)]
    [InlineData("*", "https://anything.example.org/cb", true)]
    public void Host_patterns_match_hosts_case_insensitively(string pattern, string address, bool allowed)
    {
        var policy = new CallbackAddressPolicy(Web, [pattern], ["::1/128"]);

        var check = policy.CheckAddress(address);

        Assert.Equal(allowed, check.Allowed);
        Assert.Equal(allowed, check.Reason is null);
    }

    [Fact]
    public void No_allowed_hosts_refuses_every_callback()
    {
        var policy = new CallbackAddressPolicy(Web, [], []);

        Assert.False(policy.CheckAddress("https://8.8.8.8/cb").Allowed);
        Assert.False(policy.CheckAddress("https://client.example.com/cb").Allowed);
    }

    [Theory]
    [InlineData("10.1.0.0/33")]
    [InlineData("10.1.0.0")]
    [InlineData("not a network")]
    [InlineData("10.1.0.1/16")]
    [InlineData("")]
    public void An_invalid_network_is_refused_when_the_policy_is_built(string network)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => AnyHost(network));
        Assert.Contains("AllowedNetworks", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*.")]
    [InlineData("a.*.com")]
    [InlineData("**")]
    [InlineData("http://client/")]
    public void An_invalid_host_pattern_is_refused_when_the_policy_is_built(string pattern)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new CallbackAddressPolicy(Web, [pattern], []));
        Assert.Contains("AllowedHosts", e.Message, StringComparison.Ordinal);
    }
}
