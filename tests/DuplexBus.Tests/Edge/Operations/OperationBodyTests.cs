using System.Xml.Linq;
using DuplexBus.Edge.Operations;

namespace DuplexBus.Tests.Edge.Operations;

public sealed class OperationBodyTests
{
    private static readonly SoapService Service = SoapService.Contract("urn:duplexbus:samples", "WorkService")
        .OneWay("AddItem", b => new { Id = b.ReadGuid("instanceId"), Index = b.ReadInt32("index"), Value = b.ReadString("value") })
        .Build();

    private static OperationBody Body(string xml) =>
        Service.BodyOf(Service.Operations.Single(), xml.Length == 0 ? null : XElement.Parse(xml));

    [Fact]
    public void Actions_follow_WCF_defaults()
    {
        Assert.NotNull(Service.Find("urn:duplexbus:samples/WorkService/AddItem"));
        Assert.Null(Service.Find("urn:duplexbus:samples/WorkService/additem"));
        Assert.Null(Service.Find(null));
    }

    [Fact]
    public void Wrapped_parameters_are_read_by_name()
    {
        var body = Body("<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>-7</index><value>x y</value></AddItem>");

        Assert.Equal(Guid.Parse("6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11"), body.ReadGuid("instanceId"));
        Assert.Equal(-7, body.ReadInt32("index"));
        Assert.Equal("x y", body.ReadString("value"));
        Assert.Null(body.Problem);
    }

    [Fact]
    public void Nil_string_reads_as_null()
    {
        var body = Body("<AddItem xmlns=\"urn:duplexbus:samples\" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><value i:nil=\"true\"/></AddItem>");

        Assert.Null(body.ReadString("value"));
        Assert.Null(body.Problem);
    }

    public static TheoryData<string, string, string> Mismatches => new()
    {
        { "empty body", "", "empty" },
        { "wrong wrapper", "<GetStatus xmlns=\"urn:duplexbus:samples\"/>", "expected element 'AddItem'" },
        { "wrong namespace", "<AddItem xmlns=\"urn:other\"/>", "expected element 'AddItem'" },
        { "missing parameter", "<AddItem xmlns=\"urn:duplexbus:samples\"><index>1</index><value>v</value></AddItem>", "'instanceId' is missing" },
        { "not an int", "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>one</index><value>v</value></AddItem>", "'index' is not an int" },
        { "int overflow", "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>99999999999</index><value>v</value></AddItem>", "'index' is not an int" },
        { "complex where simple", "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId><x/></instanceId><index>1</index><value>v</value></AddItem>", "child elements" },
    };

    [Theory, MemberData(nameof(Mismatches))]
    public void Body_that_does_not_match_the_operation_is_a_problem(string _, string xml, string expected)
    {
        var body = Body(xml);
        Service.Operations.OfType<OneWayOperation>().Single().Translate(body);

        Assert.NotNull(body.Problem);
        Assert.Contains(expected, body.Problem, StringComparison.Ordinal);
    }
}
