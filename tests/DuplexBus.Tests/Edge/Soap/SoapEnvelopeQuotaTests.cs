using System.Text;
using DuplexBus.Protocol.Soap;
using static DuplexBus.Tests.Edge.Soap.Envelopes;

namespace DuplexBus.Tests.Edge.Soap;

/// <summary>The fixed quotas an envelope is read within, each failing with a fault that names it and its limit.</summary>
public sealed class SoapEnvelopeQuotaTests
{
    private const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";

    private static readonly SoapReadOptions Small = SoapReadOptions.Default with
    {
        MaxNodes = 100,
        MaxAttributesPerElement = 8,
        MaxStringContentLength = 1000,
        MaxNameCharacters = 2000,
        MaxHeaders = 6,
        MaxHeaderCharacters = 1500,
    };

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static string Headers(string headers) => Addressed(Soap12, Wsa10, AddItemAction, "urn:uuid:1", extraHeaders: headers);

    public static TheoryData<string, string, string> OverQuota => new()
    {
        { "many empty elements", Plain11(Repeat("<a/>", 200)), "more than the maximum of 100 XML nodes" },
        { "many text nodes", Plain11("<a>" + Repeat("t<b/>", 60) + "</a>"), "more than the maximum of 100 XML nodes" },
        { "many attributes over many elements", Plain11(Repeat("<a x='1' y='2' z='3'/>", 30)), "more than the maximum of 100 XML nodes" },
        { "attributes on one element", Plain11("<a " + string.Join(' ', Enumerable.Range(0, 9).Select(i => $"x{i}='1'")) + "/>"), "more than the maximum of 8 attributes" },
        { "long text", Plain11($"<a>{new string('x', 1001)}</a>"), "longer than the maximum of 1000 characters" },
        { "long attribute value", Plain11($"<a x='{new string('x', 1001)}'/>"), "longer than the maximum of 1000 characters" },
        { "many distinct names", Plain11(string.Concat(Enumerable.Range(0, 90).Select(i => $"<element-with-a-long-name-{i:D4}/>"))), "add up to more than the maximum of 2000 characters" },
        { "one long namespace", Plain11($"<a xmlns='urn:{new string('n', 2100)}'/>"), "add up to more than the maximum of 2000 characters" },
        { "many header blocks", Headers(Repeat("<h xmlns='urn:h'/>", 4)), "more than the maximum of 6 header blocks" },
        { "large header text", Headers($"<h xmlns='urn:h'>{new string('x', 800)}</h><h xmlns='urn:h'>{new string('x', 800)}</h>"), "more than the maximum of 1500 characters of text and attribute values" },
        { "large header attributes", Headers($"<h xmlns='urn:h' v='{new string('x', 800)}'/><h xmlns='urn:h' v='{new string('x', 800)}'/>"), "more than the maximum of 1500 characters of text and attribute values" },
    };

    [Theory, MemberData(nameof(OverQuota))]
    public void Envelope_over_a_quota_gets_a_Sender_fault_naming_the_quota(string _, string xml, string reason)
    {
        var result = Read(xml, options: Small);

        Assert.False(result.IsEnvelope);
        Assert.Equal("Sender", result.Fault.Name);
        Assert.Contains(reason, result.Fault.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> WithinQuota => new()
    {
        { "ordinary AddItem", Plain11() },
        { "ordinary addressed AddItem", Headers("") },
        { "text as long as the string limit", Plain11($"<a>{new string('x', 1000)}</a>") },
        { "header blocks up to the limit (Action, MessageID, To and three more)", Headers(Repeat("<h xmlns='urn:h'/>", 3)) },
        { "many repeats of one name", Plain11("<a>" + Repeat("<b/>", 90) + "</a>") },
        { "header text up to the limit", Headers($"<h xmlns='urn:h'>{new string('x', 650)}</h><h xmlns='urn:h'>{new string('x', 650)}</h>") },
    };

    [Theory, MemberData(nameof(WithinQuota))]
    public void Envelope_within_every_quota_is_read(string _, string xml)
    {
        var result = Read(xml, options: Small);

        Assert.True(result.IsEnvelope, result.Fault?.ToString());
    }

    [Fact]
    public void A_4_MB_envelope_of_empty_elements_is_refused_before_a_large_tree_is_built()
    {
        var bytes = Encoding.UTF8.GetBytes(Plain11("<a>" + Repeat("<b/>", (4 * 1024 * 1024 - 200) / 4) + "</a>"));
        SoapEnvelopeReader.Read(new MemoryStream(bytes), SoapVersion.Soap11, AddItemAction, SoapReadOptions.Default); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = SoapEnvelopeReader.Read(new MemoryStream(bytes), SoapVersion.Soap11, AddItemAction, SoapReadOptions.Default);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(result.IsEnvelope);
        Assert.Contains("16384 XML nodes", result.Fault.Reason, StringComparison.Ordinal);
        // 16,384 nodes of about 100 bytes each, plus the reader's buffers; a whole tree would be a million elements.
        Assert.True(allocated < 4 * 1024 * 1024, $"reading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void The_largest_tree_the_default_quotas_allow_stays_within_a_fixed_multiple_of_the_body()
    {
        // Worst case for tree size per input byte: as many nodes as allowed, each as small as it can be.
        var bytes = Encoding.UTF8.GetBytes(Plain11("<a>" + Repeat("<b/>", SoapReadOptions.Default.MaxNodes - 10) + "</a>"));
        SoapEnvelopeReader.Read(new MemoryStream(bytes), SoapVersion.Soap11, AddItemAction, SoapReadOptions.Default);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = SoapEnvelopeReader.Read(new MemoryStream(bytes), SoapVersion.Soap11, AddItemAction, SoapReadOptions.Default);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(result.IsEnvelope, result.Fault?.ToString());
        Assert.True(allocated < SoapReadOptions.Default.MaxNodes * 200L, $"reading allocated {allocated:N0} bytes for {SoapReadOptions.Default.MaxNodes} nodes");
    }
}
