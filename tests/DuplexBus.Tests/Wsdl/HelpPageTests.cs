using DuplexBus.Edge.Metadata;

namespace DuplexBus.Tests.Wsdl;

public sealed class HelpPageTests
{
    [Fact]
    public void Names_and_the_address_are_html_encoded()
    {
        var html = HelpPage.Render("Bad<script>", "http://evil\"host/services/x");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("evil\"host", html, StringComparison.Ordinal);
        Assert.Contains("Bad&lt;script&gt;", html, StringComparison.Ordinal);
    }
}
