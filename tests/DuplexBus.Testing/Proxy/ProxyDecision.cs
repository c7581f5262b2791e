using System.Globalization;

namespace DuplexBus.Testing.Proxy;

/// <summary>What the proxy does with the <paramref name="Number"/>th request it may disturb.</summary>
/// <param name="Withheld">A drop was drawn but not done, because the previous drops in a row reached the limit.</param>
internal sealed record ProxyDecision(int Number, ProxyFault Fault, bool Duplicate, TimeSpan Delay, bool Withheld)
{
    public string Describe(HttpRequestInfo request)
    {
        var what = Fault switch
        {
            ProxyFault.DropRequest => "drop-request",
            ProxyFault.DropReply => "drop-reply",
            _ => Duplicate ? "duplicate" : "forward",
        };
        var delay = Delay > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $", delay {Delay.TotalMilliseconds:0}ms") : "";
        var withheld = Withheld ? ", drop withheld" : "";
        return string.Create(CultureInfo.InvariantCulture, $"#{Number} {what}{delay}{withheld}: {request}");
    }
}
