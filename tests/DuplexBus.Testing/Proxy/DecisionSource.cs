namespace DuplexBus.Testing.Proxy;

/// <summary>Draws the proxy's decisions from one seeded random source, in the order requests ask.</summary>
internal sealed class DecisionSource(LossyProxyOptions options)
{
    private readonly Random random = new(options.Seed);
    private readonly Lock gate = new();
    private int number;
    private int failuresInARow;

    public ProxyDecision Next()
    {
        lock (gate)
        {
            // Every request takes the same five draws whatever comes of them, so one outcome (or a withheld drop)
            // never shifts the decisions after it.
            var dropRequest = random.NextDouble() < options.DropRequest;
            var dropReply = random.NextDouble() < options.DropReply;
            var duplicate = random.NextDouble() < options.Duplicate;
            var delay = random.NextDouble() < options.Delay;
            var delayFraction = random.NextDouble();

            var fault = dropRequest ? ProxyFault.DropRequest : dropReply ? ProxyFault.DropReply : ProxyFault.None;
            var withheld = fault != ProxyFault.None && failuresInARow >= options.MaxConsecutiveFailures;
            if (withheld)
                fault = ProxyFault.None;
            failuresInARow = fault == ProxyFault.None ? 0 : failuresInARow + 1;

            return new ProxyDecision(
                ++number,
                fault,
                duplicate && fault == ProxyFault.None,
                delay ? options.MaxDelay * delayFraction : TimeSpan.Zero,
                withheld);
        }
    }
}
