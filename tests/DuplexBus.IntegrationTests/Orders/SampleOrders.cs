using DuplexBus.Samples.ServiceContracts.Orders;

namespace DuplexBus.IntegrationTests.Orders;

/// <summary>Orders whose every data contract feature shows on the way back: nested types, a collection, decimals, enums, a nullable time.</summary>
public static class SampleOrders
{
    /// <summary>2 × 19.99 + 3 × 0.10 + 1 × 1234.5678 − 1.25: fractions a float would lose.</summary>
    public const decimal Total = 2 * 19.99m + 3 * 0.10m + 1 * 1234.5678m - 1.25m;

    public static Order Create(string customer = "Ada Lovelace") => new()
    {
        Customer = new Customer
        {
            Name = customer,
            ShipTo = new Address { Street = "12 St James's Square", City = "London", Country = "GB" },
        },
        Lines =
        [
            new OrderLine { Sku = "BOOK-1843", Quantity = 2, UnitPrice = 19.99m },
            new OrderLine { Sku = "NOTE-Ä€", Quantity = 3, UnitPrice = 0.10m },
            new OrderLine { Sku = "ENGINE-ANALYTICAL", Quantity = 1, UnitPrice = 1234.5678m },
        ],
        Priority = OrderPriority.Express,
        DeliverBy = new DateTimeOffset(2026, 12, 24, 18, 30, 0, TimeSpan.FromHours(1)),
        Discount = 1.25m,
    };

    public static IReadOnlyList<string> Skus(Order order) => [.. order.Lines.Select(l => l.Sku)];
}
