using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Diagnostics.Gauges;

/// <summary>How the operational gauges read the database (configuration section <c>DuplexBus:Gauges</c>).</summary>
public sealed class GaugeOptions
{
    /// <summary>
    /// A reading is reused for this long: however many scrapers and consoles ask, the database is read at most once per
    /// interval, and not at all while nobody asks.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Each count stops here, so a reading costs the same with a million rows queued as with this many; a gauge at the
    /// limit means "at least". The ages of the oldest rows are exact at any size.
    /// </summary>
    [Range(1, 10_000_000)]
    public int CountLimit { get; set; } = 100_000;
}
