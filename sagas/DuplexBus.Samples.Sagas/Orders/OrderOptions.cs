using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Samples.Sagas.Orders;

/// <summary>The simulated shipping back end (section <c>Samples:Orders</c>).</summary>
public sealed class OrderOptions
{
    /// <summary>How long shipping an order takes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShippingTime { get; set; } = TimeSpan.FromMilliseconds(200);

    [Required, MaxLength(64)]
    public string Carrier { get; set; } = "DuplexBus Post";
}
