namespace DuplexBus.Chaos.Workload;

/// <summary>What one client did to its instance, as the client saw it: the exact expectation the checks hold the system to.</summary>
internal sealed class InstanceLedger(Guid instance, ClientKind kind, string client)
{
    private readonly Lock gate = new();
    private readonly HashSet<int> answered = [];

    public Guid Instance { get; } = instance;

    public ClientKind Kind { get; } = kind;

    public string Client { get; } = client;

    /// <summary>Application messages the client sent (each counted once, however often it was resent).</summary>
    public int Sent { get; private set; }

    /// <summary>For a callback instance: where its WorkCompleted must arrive.</summary>
    public Uri? CallbackAddress { get; init; }

    /// <summary>Why the client stopped early, if it did (a failed session, out of patience).</summary>
    public string? GaveUp { get; set; }

    /// <summary>Non-202 answers and errors the client met on its way, by kind, e.g. "HTTP 500" → 3.</summary>
    public Dictionary<string, int> Refusals { get; } = new(StringComparer.Ordinal);

    /// <summary>The answered item indexes (a StartWork is index 0).</summary>
    public IReadOnlyCollection<int> Answered
    {
        get
        {
            lock (gate)
                return [.. answered];
        }
    }

    private int ready;

    /// <summary>True the first time only.</summary>
    public bool MarkReady() => Interlocked.Exchange(ref ready, 1) == 0;

    public void MarkSent()
    {
        lock (gate)
            Sent++;
    }

    public void MarkAnswered(int index)
    {
        lock (gate)
            answered.Add(index);
    }

    public void Refused(string why)
    {
        lock (gate)
            Refusals[why] = Refusals.GetValueOrDefault(why) + 1;
    }
}
