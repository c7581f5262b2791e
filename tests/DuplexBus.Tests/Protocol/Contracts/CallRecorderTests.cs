using System.ServiceModel;
using System.Xml.Linq;
using DuplexBus.Protocol.Contracts;
using DuplexBus.Samples.ServiceContracts.Orders;
using DuplexBus.Samples.ServiceContracts.Work;

namespace DuplexBus.Tests.Protocol.Contracts;

public sealed class CallRecorderTests
{
    private static readonly XNamespace Samples = "urn:duplexbus:samples";

    [Fact]
    public void A_callback_call_becomes_the_action_and_wrapped_body_WCF_would_send()
    {
        var id = Guid.Parse("5f0c3c1e-3c43-4bd5-9c55-2b1f0f7d1c11");

        var (operation, arguments) = CallRecorder.Record<IWorkCallback>(client => client.WorkCompleted(id, 3));
        var body = WrappedBody.Request(operation, arguments);

        Assert.Equal("urn:duplexbus:samples/WorkCallback/WorkCompleted", operation.Action);
        Assert.Equal(Samples + "WorkCompleted", body.Name);
        Assert.Equal(
            [(Samples + "instanceId", id.ToString()), (Samples + "itemCount", "3")],
            body.Elements().Select(e => (e.Name, e.Value)));
    }

    [Fact]
    public void Data_contract_arguments_are_written_by_the_DataContractSerializer()
    {
        var shipment = new Shipment { Carrier = "Post", TrackingNumber = "T-1", ShippedAt = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1)) };

        var (operation, arguments) = CallRecorder.Record<IOrderCallback>(client => client.OrderShipped(Guid.Empty, shipment));
        var body = WrappedBody.Request(operation, arguments);
        var read = WrappedBody.ReadRequest(operation, body);

        var back = Assert.IsType<Shipment>(read.Arguments![1]);
        Assert.Equal((shipment.Carrier, shipment.TrackingNumber, shipment.ShippedAt), (back.Carrier, back.TrackingNumber, back.ShippedAt));
        Assert.Equal("urn:duplexbus:samples:orders/OrderCallback/OrderShipped", operation.Action);
    }

    [Fact]
    public void Anything_but_one_call_of_one_operation_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CallRecorder.Record<IWorkCallback>(_ => { }));
        Assert.Throws<InvalidOperationException>(() => CallRecorder.Record<IWorkCallback>(client =>
        {
            client.WorkCompleted(Guid.Empty, 1);
            client.WorkCompleted(Guid.Empty, 2);
        }));
        Assert.Throws<ArgumentException>(() => CallRecorder.Record<INotAnOperation>(client => client.Helper()));
    }

    [ServiceContract]
    internal interface INotAnOperation
    {
        [OperationContract(IsOneWay = true)]
        void Operation();

        void Helper();
    }
}
