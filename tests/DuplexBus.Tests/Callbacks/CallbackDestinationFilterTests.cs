using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

public sealed class CallbackDestinationFilterTests
{
    [Theory]
    [InlineData("127.0.0.1:9001", "http://127.0.0.1:9001/cb", true)]
    [InlineData("127.0.0.1:9001", "https://127.0.0.1:9001/other", true)]
    [InlineData("127.0.0.1:9001", "http://127.0.0.1:9002/cb", false)]
    [InlineData("127.0.0.1", "http://127.0.0.1:9002/cb", true)]
    [InlineData("client.example.com", "https://CLIENT.example.com/cb", true)]
    [InlineData("client.example.com:443", "https://client.example.com/cb", true)]
    [InlineData("client.example.com:80", "https://client.example.com/cb", false)]
    [InlineData("http://client.example.com/cb", "http://client.example.com:80/elsewhere", true)]
    [InlineData("http://client.example.com/cb", "https://client.example.com/cb", false)]
    [InlineData("http://client.example.com:8080", "http://client.example.com/cb", false)]
    [InlineData("[::1]:8080", "http://[::1]:8080/cb", true)]
    [InlineData("::1", "http://[::1]:8080/cb", true)]
    [InlineData("127.0.0.1", "not a uri", false)]
    public void A_destination_is_a_uri_or_a_host_with_an_optional_port(string destination, string address, bool matches)
    {
        Assert.True(CallbackDestinationFilter.TryParse(destination, out var filter));

        Assert.Equal(matches, filter!.Matches(address));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("host/path")]
    [InlineData("user@host")]
    [InlineData("host:notaport")]
    public void Something_else_is_not_a_destination(string destination)
    {
        Assert.False(CallbackDestinationFilter.TryParse(destination, out _));
    }
}
