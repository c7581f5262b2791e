using System.Collections.Immutable;
using System.Xml.Linq;
using DuplexBus.Protocol.Context;

namespace DuplexBus.Tests.Edge.Context;

[Trait("Spec", "Context exchange")]
public sealed class ContextHeaderTests
{
    private const string Ns = "http://schemas.microsoft.com/ws/2006/05/context";

    public static TheoryData<string, string[]> RoundTrips => new()
    {
        { "empty", [] },
        { "instance id", ["instanceId=5f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11"] },
        { "several, case-sensitive names", ["b=2", "a=1", "A=3"] },
        { "empty value and markup characters", ["x=", "y=<&>\"'"] },
    };

    [Theory, MemberData(nameof(RoundTrips))]
    public void A_header_written_by_Write_reads_back_the_same_properties(string _, string[] pairs)
    {
        var properties = Properties(pairs);

        var ok = ContextHeader.TryRead(XElement.Parse(ContextHeader.Write(properties).ToString()), out var read, out var fault);

        Assert.True(ok);
        Assert.Null(fault);
        Assert.Equal(properties.OrderBy(p => p.Key, StringComparer.Ordinal), read.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Write_orders_properties_by_ordinal_name_in_the_context_namespace()
    {
        var xml = ContextHeader.Write(Properties(["b=2", "a=1", "B=3"])).ToString(SaveOptions.DisableFormatting);

        Assert.Equal(
            $"<Context xmlns=\"{Ns}\"><Property name=\"B\">3</Property><Property name=\"a\">1</Property><Property name=\"b\">2</Property></Context>",
            xml);
    }

    [Fact]
    public void An_empty_Context_element_is_a_legal_empty_context()
    {
        Assert.True(ContextHeader.TryRead(XElement.Parse($"<Context xmlns=\"{Ns}\"/>"), out var read, out var fault));
        Assert.Empty(read);
        Assert.Null(fault);
    }

    [Fact]
    public void Property_values_are_the_element_text_and_names_are_case_sensitive()
    {
        var header = XElement.Parse($"<c:Context xmlns:c=\"{Ns}\"> <c:Property name=\"id\">1</c:Property><c:Property name=\"ID\">2</c:Property> </c:Context>");

        Assert.True(ContextHeader.TryRead(header, out var read, out _));
        Assert.Equal("1", read["id"]);
        Assert.Equal("2", read["ID"]);
    }

    public static TheoryData<string, string, string> SchemaViolations => new()
    {
        { "element of another namespace", $"<Context xmlns=\"{Ns}\"><x:Property xmlns:x=\"urn:x\" name=\"a\">1</x:Property></Context>", "is not a Property" },
        { "other child element", $"<Context xmlns=\"{Ns}\"><Other/></Context>", "element 'Other'" },
        { "missing name", $"<Context xmlns=\"{Ns}\"><Property>1</Property></Context>", "has no unqualified name attribute" },
        { "qualified name attribute", $"<Context xmlns=\"{Ns}\" xmlns:x=\"urn:x\"><Property x:name=\"a\">1</Property></Context>", "has no unqualified name attribute" },
        { "empty name", $"<Context xmlns=\"{Ns}\"><Property name=\"\">1</Property></Context>", "has an empty name" },
        { "duplicate name", $"<Context xmlns=\"{Ns}\"><Property name=\"a\">1</Property><Property name=\"a\">2</Property></Context>", "'a' appears more than once" },
        { "element inside a property", $"<Context xmlns=\"{Ns}\"><Property name=\"a\"><b/></Property></Context>", "'a' contains elements" },
        { "text outside properties", $"<Context xmlns=\"{Ns}\">loose</Context>", "text outside" },
        { "wrong root", "<Context xmlns=\"urn:other\"/>", "not Context" },
    };

    [Theory, MemberData(nameof(SchemaViolations))]
    public void A_header_that_violates_the_schema_is_a_Sender_fault_naming_the_problem(string _, string xml, string reason)
    {
        var ok = ContextHeader.TryRead(XElement.Parse(xml), out var read, out var fault);

        Assert.False(ok);
        Assert.Empty(read);
        Assert.NotNull(fault);
        Assert.Equal("Sender", fault.Name);
        Assert.StartsWith("The Context header violates its schema: ", fault.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, fault.Reason, StringComparison.Ordinal);
    }

    internal static ImmutableDictionary<string, string> Properties(string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToImmutableDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}
