using System.Text;
using DuplexBus.Protocol.Context;
using static DuplexBus.Tests.Edge.Context.ContextHeaderTests;

namespace DuplexBus.Tests.Edge.Context;

[Trait("Spec", "Context exchange (cookie)")]
public sealed class ContextCookieTests
{
    private const string Ns = "http://schemas.microsoft.com/ws/2006/05/context";

    public static TheoryData<string[]> Contexts => new()
    {
        { [] },
        { ["instanceId=5f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11"] },
        { ["b=2", "a=<1>"] },
    };

    [Theory, MemberData(nameof(Contexts))]
    public void A_cookie_written_by_SetCookie_reads_back_the_same_properties(string[] pairs)
    {
        var properties = Properties(pairs);
        var setCookie = ContextCookie.SetCookie(properties, "/services/work");

        var ok = ContextCookie.TryRead(setCookie.Split(';')[0], out var read, out var fault);

        Assert.True(ok);
        Assert.Null(fault);
        Assert.Equal(properties.OrderBy(p => p.Key, StringComparer.Ordinal), read.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void SetCookie_writes_the_Context_element_as_WCF_does_with_a_BOM_and_no_declaration()
    {
        var setCookie = ContextCookie.SetCookie(Properties(["instanceId=1"]), "/services/work");

        Assert.StartsWith("WscContext=\"77u/", setCookie, StringComparison.Ordinal);
        Assert.EndsWith("\";Path=/services/work", setCookie, StringComparison.Ordinal);
        var encoded = setCookie["WscContext=\"".Length..setCookie.IndexOf("\";", StringComparison.Ordinal)];
        Assert.Equal(
            $"\uFEFF<Context xmlns=\"{Ns}\"><Property name=\"instanceId\">1</Property></Context>",
            Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
    }

    [Fact]
    public void Clear_expires_the_cookie_on_the_same_path()
    {
        Assert.Equal("WscContext;Max-Age=0;Path=/services/work", ContextCookie.Clear("/services/work"));
    }

    [Theory]
    [InlineData("/a;Secure")]
    [InlineData("/a\r\nSet-Cookie: x=y")]
    [InlineData("relative")]
    [InlineData("")]
    public void A_path_that_could_forge_cookie_attributes_is_refused(string path)
    {
        Assert.ThrowsAny<ArgumentException>(() => ContextCookie.SetCookie(Properties([]), path));
        Assert.ThrowsAny<ArgumentException>(() => ContextCookie.Clear(path));
    }

    public static TheoryData<string, string> Placements => new()
    {
        { "alone, quoted", "WscContext=\"{0}\"" },
        { "alone, unquoted", "WscContext={0}" },
        { "among other cookies", "a=b; WscContext=\"{0}\"; c=d" },
        { "last, unquoted, with spaces", "a=b;c=\"d\" ;  WscContext = {0}  " },
        { "after a cookie whose name only starts like it", "WscContextX=garbage; WscContext={0}" },
    };

    [Theory, MemberData(nameof(Placements))]
    public void The_WscContext_cookie_is_found_wherever_it_is_in_the_Cookie_header(string _, string format)
    {
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, Encode($"<Context xmlns=\"{Ns}\"><Property name=\"instanceId\">42</Property></Context>"));

        Assert.True(ContextCookie.TryRead(header, out var read, out var fault));
        Assert.Null(fault);
        Assert.Equal("42", read["instanceId"]);
    }

    [Fact]
    public void A_cookie_without_a_BOM_is_read_too()
    {
        var header = "WscContext=" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"<Context xmlns=\"{Ns}\"><Property name=\"k\">v</Property></Context>"));

        Assert.True(ContextCookie.TryRead(header, out var read, out _));
        Assert.Equal("v", read["k"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a=b; c=d")]
    [InlineData("wsccontext=abc")]
    public void Without_a_WscContext_cookie_the_context_is_absent_not_faulted(string? header)
    {
        Assert.False(ContextCookie.TryRead(header, out var read, out var fault));
        Assert.Null(fault);
        Assert.Empty(read);
    }

    public static TheoryData<string, string, string> BadCookies => new()
    {
        { "bad base64", "WscContext=\"not base64!\"", "not valid base64" },
        { "not XML", "WscContext=" + Encode("hello"), "not well-formed" },
        { "truncated XML", "WscContext=" + Encode($"<Context xmlns=\"{Ns}\"><Property name=\"a\">1"), "not well-formed" },
        { "DTD inside the cookie", "WscContext=" + Encode($"<!DOCTYPE Context [<!ENTITY e \"boom\">]><Context xmlns=\"{Ns}\"><Property name=\"a\">&e;</Property></Context>"), "document type declaration" },
        { "schema violation", "WscContext=" + Encode($"<Context xmlns=\"{Ns}\"><Property>1</Property></Context>"), "The Context header violates its schema" },
        { "too large", "WscContext=" + new string('A', 100_000), "larger than the maximum" },
    };

    [Theory, MemberData(nameof(BadCookies))]
    public void A_WscContext_cookie_that_cannot_be_read_is_a_Sender_fault_naming_the_problem(string _, string header, string reason)
    {
        var ok = ContextCookie.TryRead(header, out var read, out var fault);

        Assert.False(ok);
        Assert.Empty(read);
        Assert.NotNull(fault);
        Assert.Equal("Sender", fault.Name);
        Assert.Contains(reason, fault.Reason, StringComparison.Ordinal);
    }

    private static string Encode(string xml) => Convert.ToBase64String(Encoding.UTF8.GetBytes(xml));
}
