using System.Diagnostics;
using System.Text;
using System.Xml.Linq;
using DuplexBus.Callbacks;
using Xunit;

namespace DuplexBus.Tests.Callbacks;

[Trait("Spec", "PROTOCOLS 6 activity propagation")]
public sealed class CallbackTraceTests
{
    private const string Stored = "00-5a3f2c1d0b9e4f7a8c6d1e2f3a4b5c6d-b7ad6b7169203331-01";
    private static readonly XNamespace Diagnostics = "http://schemas.microsoft.com/2004/09/ServiceModel/Diagnostics";

    private static CallbackMessage Callback(string? traceParent, bool echo = false) => new()
    {
        Id = Guid.Parse("94df918b-a19a-51a3-ad41-28d5cb80dead"),
        Address = "http://127.0.0.1:7080/cb",
        SoapVersion = "1.2",
        AddressingVersion = "1.0",
        Action = "urn:test/Done",
        Body = "<Done xmlns=\"urn:test\"/>",
        TraceParent = traceParent,
        EchoActivityId = echo,
    };

    [Fact]
    public void Without_a_span_an_attempt_gets_a_fresh_span_id_in_the_stored_trace()
    {
        var first = CallbackTrace.HeaderFor(Callback(Stored), attempt: null);
        var second = CallbackTrace.HeaderFor(Callback(Stored), attempt: null);

        Assert.True(ActivityContext.TryParse(first, null, out var context));
        Assert.Equal("5a3f2c1d0b9e4f7a8c6d1e2f3a4b5c6d", context.TraceId.ToHexString());
        Assert.NotEqual("b7ad6b7169203331", context.SpanId.ToHexString());
        Assert.EndsWith("-01", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void With_a_span_the_attempt_sends_the_span_itself()
    {
        using var attempt = new Activity("callback send").SetParentId(Stored).Start();

        Assert.Equal(attempt.Id, CallbackTrace.HeaderFor(Callback(Stored), attempt));
        Assert.Equal(CallbackTrace.ParentOf(Callback(Stored)).TraceId, attempt.TraceId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    public void A_callback_without_a_trace_sends_none(string? stored)
    {
        Assert.Null(CallbackTrace.HeaderFor(Callback(stored), attempt: null));
        Assert.Equal(default, CallbackTrace.ParentOf(Callback(stored)));
    }

    [Fact]
    public void A_WCF_client_gets_its_activity_id_back_the_same_on_every_attempt()
    {
        var callback = Callback(Stored, echo: true);

        var first = CallbackEnvelope.For(callback).Content;
        var header = XElement.Parse(Encoding.UTF8.GetString(first)).Descendants(Diagnostics + "ActivityId").Single();

        Assert.Equal("5a3f2c1d-0b9e-4f7a-8c6d-1e2f3a4b5c6d", header.Value);
        Assert.True(Guid.TryParse((string?)header.Attribute("CorrelationId"), out var correlation));
        Assert.NotEqual(Guid.Parse(header.Value), correlation);
        Assert.Null(header.Attribute(XName.Get("mustUnderstand", "http://www.w3.org/2003/05/soap-envelope")));
        Assert.Equal(first, CallbackEnvelope.For(callback).Content);
    }

    [Theory]
    [InlineData(Stored, false)]
    [InlineData(null, true)]
    public void Only_a_client_that_sent_an_activity_id_gets_one(string? stored, bool echo)
    {
        var xml = XElement.Parse(Encoding.UTF8.GetString(CallbackEnvelope.For(Callback(stored, echo)).Content));

        Assert.Empty(xml.Descendants(Diagnostics + "ActivityId"));
    }
}
