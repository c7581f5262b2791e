using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DuplexBus.Configuration;

/// <summary>
/// Kestrel limits for a server that faces clients it does not trust. Each is set only where it still has Kestrel's
/// own default (so a host's <c>ConfigureKestrel</c> wins), and then the <c>Kestrel:Limits</c> configuration section
/// is applied on top (so configuration always wins).
/// </summary>
internal sealed class KestrelLimitsSetup(IConfiguration? configuration) : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>Open connections per host; beyond it Kestrel refuses new ones (Kestrel: unlimited).</summary>
    public const int MaxConcurrentConnections = 1024;

    /// <summary>Time a client has to send its request headers (Kestrel: 30 s).</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    private static readonly KestrelServerLimits KestrelDefaults = new();

    public void Configure(KestrelServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Limits;
        if (limits.MaxConcurrentConnections == KestrelDefaults.MaxConcurrentConnections)
            limits.MaxConcurrentConnections = MaxConcurrentConnections;
        if (limits.RequestHeadersTimeout == KestrelDefaults.RequestHeadersTimeout)
            limits.RequestHeadersTimeout = RequestHeadersTimeout;

        if (configuration?.GetSection("Kestrel:Limits") is not { } section || !section.GetChildren().Any())
            return;
        section.Bind(limits);
        limits.MinRequestBodyDataRate = DataRate(section.GetSection(nameof(KestrelServerLimits.MinRequestBodyDataRate)), limits.MinRequestBodyDataRate);
        limits.MinResponseDataRate = DataRate(section.GetSection(nameof(KestrelServerLimits.MinResponseDataRate)), limits.MinResponseDataRate);
    }

    /// <summary>A data rate from <c>BytesPerSecond</c> and <c>GracePeriod</c>, which the binder cannot build (no setters).</summary>
    private static MinDataRate? DataRate(IConfigurationSection section, MinDataRate? current)
    {
        if (!section.GetChildren().Any())
            return current;
        var bytesPerSecond = section.GetValue<double?>(nameof(MinDataRate.BytesPerSecond)) ?? current?.BytesPerSecond ?? 240;
        var gracePeriod = section.GetValue<TimeSpan?>(nameof(MinDataRate.GracePeriod)) ?? current?.GracePeriod ?? TimeSpan.FromSeconds(5);
        return bytesPerSecond <= 0 ? null : new MinDataRate(bytesPerSecond, gracePeriod);
    }
}
