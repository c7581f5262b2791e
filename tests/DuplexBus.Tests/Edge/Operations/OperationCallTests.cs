using DuplexBus.Callbacks;
using DuplexBus.Edge.Operations;
using DuplexBus.Samples.Contracts;
using DuplexBus.Samples.ServiceContracts.Work;
using DuplexBus.Tests.Edge.Soap;

namespace DuplexBus.Tests.Edge.Operations;

/// <summary>A request read as a call of a contract operation, and the message the convention makes of it.</summary>
public sealed class OperationCallTests
{
    private const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";
    private static readonly SoapService Service = SoapService.For<IWorkService>(e => e.MessagesFrom<StartWork>().HandleRequestsWith<NoQueries>());

    private static CallRead Read(string body, string action = AddItemAction)
    {
        var envelope = Envelopes.Read(Envelopes.Addressed(Envelopes.Soap12, Envelopes.Wsa10, action, "urn:uuid:" + Guid.NewGuid(), body)).Envelope!;
        return Service.Read(Service.Find(action)!, envelope, null, CallbackAddressPolicy.LoopbackOnly);
    }

    [Fact]
    public void Actions_follow_WCF_defaults()
    {
        Assert.NotNull(Service.Find("urn:duplexbus:samples/WorkService/AddItem"));
        Assert.NotNull(Service.Find("urn:duplexbus:samples/WorkService/GetStatus"));
        Assert.Null(Service.Find("urn:duplexbus:samples/WorkService/additem"));
        Assert.Null(Service.Find(null));
    }

    [Fact]
    public void Wrapped_parameters_become_the_message_the_convention_names()
    {
        var read = Read("<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>-7</index><value>x y</value></AddItem>");

        var message = ((OneWayOperation)Service.Find(AddItemAction)!).ToMessage(read.Call!);

        Assert.Equal(new AddItem(Guid.Parse("6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11"), -7, "x y"), message);
    }

    [Fact]
    public void A_nil_string_reads_as_null()
    {
        var nil = Read("<AddItem xmlns=\"urn:duplexbus:samples\" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>1</index><value i:nil=\"true\"/></AddItem>");

        Assert.Null(nil.Call!.Argument<string?>("value"));
    }

    public static TheoryData<string, string, string> Mismatches => new()
    {
        { "empty body", "", "empty" },
        { "wrong wrapper", "<GetStatus xmlns=\"urn:duplexbus:samples\"/>", "expected element 'AddItem'" },
        { "wrong namespace", "<AddItem xmlns=\"urn:other\"/>", "expected element 'AddItem'" },
        { "missing string", "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>1</index></AddItem>", "'value' is missing" },
        { "string in another namespace", "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>1</index><value xmlns=\"urn:x\">v</value></AddItem>", "'value' is missing" },
        { "missing value type", "<AddItem xmlns=\"urn:duplexbus:samples\"><index>1</index><value>v</value></AddItem>", "'instanceId' is missing" },
        { "not an int", "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>one</index><value>v</value></AddItem>", "'index' is not a valid Int32" },
        { "int overflow", "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index>99999999999</index><value>v</value></AddItem>", "'index' is not a valid Int32" },
        { "complex where simple", "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId><x/></instanceId><index>1</index><value>v</value></AddItem>", "'instanceId' is not a valid Guid" },
        { "nil value type", "<AddItem xmlns=\"urn:duplexbus:samples\" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId><index i:nil=\"true\"/><value>v</value></AddItem>", "'index'" },
    };

    [Theory, MemberData(nameof(Mismatches))]
    public void A_body_that_does_not_match_the_operation_is_a_DeserializationFailed_fault(string _, string xml, string expected)
    {
        var read = Read(xml);

        Assert.Null(read.Call);
        Assert.Equal("DeserializationFailed", read.Fault!.Name);
        Assert.Contains(expected, read.Fault.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_reply_call_reads_its_parameters_too()
    {
        var read = Read("<GetStatus xmlns=\"urn:duplexbus:samples\"><instanceId>6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11</instanceId></GetStatus>", "urn:duplexbus:samples/WorkService/GetStatus");

        Assert.Equal(Guid.Parse("6f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11"), read.Call!.InstanceId);
    }

    private sealed class NoQueries
    {
        private readonly string _state = "None";

        public WorkStatus GetStatus(Guid instanceId) => new() { InstanceId = instanceId, State = _state };
    }
}
