namespace DuplexBus.Chaos.Workload;

/// <summary>How much traffic a scenario runs while its fault is on.</summary>
/// <param name="SessionsPerRmVersion">WCF reliable sessions (ordered) per WS-RM version, one instance each.</param>
/// <param name="SoapClients">Plain SOAP clients that resend with the same wsa:MessageID, one instance each.</param>
/// <param name="Items">AddItem messages per client, indexes 1..Items, in order.</param>
/// <param name="CallbackWorks">StartWork calls with a ReplyTo on a callback receiver, one instance each.</param>
/// <param name="Pace">Pause between a client's items, so the traffic spans the fault.</param>
/// <param name="ClientPatience">How long a client keeps trying before it gives up (a given-up item is unanswered, not lost).</param>
internal sealed record WorkloadShape(int SessionsPerRmVersion, int SoapClients, int Items, int CallbackWorks, TimeSpan Pace, TimeSpan ClientPatience)
{
    public static WorkloadShape For(bool quick, Random random) => quick
        ? new(1, 2, 16, 2, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(100))
        : new(2, 4, 40, 4, TimeSpan.FromMilliseconds(random.Next(100, 400)), TimeSpan.FromSeconds(180));

    /// <summary>The same shape, with the sending spread over about <paramref name="span"/>.</summary>
    public WorkloadShape Spread(TimeSpan span) => this with { Pace = span / Items };
}
