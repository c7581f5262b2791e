using System.Runtime.Serialization;
using System.ServiceModel;
using DuplexBus.Callbacks;
using DuplexBus.Edge.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Tests.Edge.Operations;

/// <summary>A contract is checked once, when it is mapped: everything a call will need is found then, or the start-up fails saying what is missing.</summary>
public sealed class ContractEndpointBuilderTests
{
    public static TheoryData<string, Action<ContractEndpointBuilder>, string> Incomplete => new()
    {
        { "no message for a one-way operation", e => e.HandleRequestsWith<Answers>(), "No message type for one-way operation Shop.Buy" },
        { "no handler for a request-reply operation", e => e.MessagesFrom<Buy>(), "Shop.Price expects a reply" },
        { "a message that drops a parameter", e => e.MessagesFrom<Narrow.Buy>().HandleRequestsWith<Answers>(), "Buy has no constructor that takes every parameter of Buy" },
        { "a handler without the method", e => e.MessagesFrom<Buy>().HandleRequestsWith<Buy>(), "Buy has no public method for request-reply operation Price" },
        { "a handler with the wrong result", e => e.MessagesFrom<Buy>().HandleRequestsWith<WrongAnswers>(), "must return Decimal" },
        { "a map for an operation the contract lacks", e => e.MessagesFrom<Buy>().HandleRequestsWith<Answers>().Map("Sell", _ => new Buy("", 1)), "has no operation 'Sell'" },
    };

    [Theory, MemberData(nameof(Incomplete))]
    public void An_incomplete_mapping_fails_at_start_up_naming_what_is_missing(string _, Action<ContractEndpointBuilder> configure, string message)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SoapService.For<IShop>(configure));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_with_a_callback_parameter_asks_for_the_callback_address()
    {
        var service = SoapService.For<IShop>(e => e.MessagesFrom<Buy>().HandleRequestsWith<Answers>());
        var explicitly = SoapService.For<IShop>(e => e.Map("Buy", call => new WithCallback.Buy(call.Argument<string>("sku"), call.Argument<int>("count"), call.Callback), takesCallback: true).HandleRequestsWith<Answers>());

        Assert.False(service.Operations.Single(o => o.Name == "Buy").TakesCallback);
        Assert.True(SoapService.For<IShop>(e => e.MessagesFrom<WithCallback.Buy>().HandleRequestsWith<Answers>()).Operations.Single(o => o.Name == "Buy").TakesCallback);
        Assert.True(explicitly.Operations.Single(o => o.Name == "Buy").TakesCallback);
    }

    [Fact]
    public async Task A_declared_fault_is_sent_with_its_detail_and_action_an_undeclared_one_without()
    {
        var service = SoapService.For<IShop>(e => e.MessagesFrom<Buy>().HandleRequestsWith<Answers>());
        var price = (RequestReplyOperation)service.Operations.Single(o => o.Name == "Price");
        await using var services = new ServiceCollection().BuildServiceProvider();

        var declared = await price.HandleAsync(Call(price, "unknown"), services, CancellationToken.None);
        var undeclared = await price.HandleAsync(Call(price, "broken"), services, CancellationToken.None);
        var answered = await price.HandleAsync(Call(price, "apple"), services, CancellationToken.None);

        Assert.Equal("http://tempuri.org/Shop/PriceNoSuchSkuFault", declared.Fault!.Action);
        Assert.Equal(DuplexBus.Protocol.Soap.FaultCode.Sender, declared.Fault.Code);
        Assert.Equal("No such SKU: unknown", declared.Fault.Reason);
        Assert.Equal("unknown", declared.Fault.Detail!.Elements().Single().Value);
        Assert.Null(undeclared.Fault!.Detail);
        Assert.Equal(DuplexBus.Protocol.Soap.FaultCode.Receiver, undeclared.Fault.Code);
        Assert.Equal("1.25", answered.Body!.Elements().Single().Value);
    }

    private static OperationCall Call(SoapOperation operation, string sku) =>
        new(operation.Description, [sku], DuplexBus.Protocol.Context.IncomingContext.None, null, null, null);

    [ServiceContract(Name = "Shop")]
    public interface IShop
    {
        [OperationContract(IsOneWay = true)]
        void Buy(string sku, int count);

        [OperationContract]
        [FaultContract(typeof(NoSuchSku))]
        decimal Price(string sku);
    }

    [DataContract]
    public sealed class NoSuchSku
    {
        [DataMember] public string Sku { get; set; } = "";
    }

    public sealed class Answers
    {
        private readonly decimal _apple = 1.25m;

        public decimal Price(string sku) => sku switch
        {
            "apple" => _apple,
            "broken" => throw new FaultException(new FaultReason("broken"), new global::System.ServiceModel.FaultCode("Receiver", new global::System.ServiceModel.FaultCode("Broken", "urn:x")), null),
            _ => throw new FaultException<NoSuchSku>(new NoSuchSku { Sku = sku }, new FaultReason($"No such SKU: {sku}")),
        };
    }

    public sealed class WrongAnswers
    {
        private readonly string _price = "cheap";

        public string Price(string sku) => _price + sku;
    }
}


