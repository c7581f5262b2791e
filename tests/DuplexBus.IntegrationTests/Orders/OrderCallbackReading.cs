using System.Runtime.Serialization;
using System.Xml;
using System.Xml.Linq;
using DuplexBus.Samples.ServiceContracts.Orders;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Orders;

/// <summary>An IOrderCallback.OrderShipped call a <see cref="CallbackReceiver"/> recorded, read with the contract's own data contracts.</summary>
public static class OrderCallbackReading
{
    public const string OrderShippedAction = OrderNamespace.Value + "/OrderCallback/OrderShipped";

    private static readonly XNamespace Orders = OrderNamespace.Value;

    /// <summary>The wrapped body's parts: the order id, and the shipment as the DataContractSerializer reads it.</summary>
    public static (Guid OrderId, Shipment Shipment) OrderShipped(XElement body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Assert.Equal(Orders + "OrderShipped", body.Name);
        var orderId = Guid.Parse(body.Element(Orders + "orderId")!.Value);
        using var reader = body.Element(Orders + "shipment")!.CreateReader();
        var shipment = (Shipment)new DataContractSerializer(typeof(Shipment), "shipment", OrderNamespace.Value).ReadObject(XmlDictionaryReader.CreateDictionaryReader(reader))!;
        return (orderId, shipment);
    }
}
