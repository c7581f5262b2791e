namespace DuplexBus.Edge.Ingress;

public enum IngressOutcome
{
    /// <summary>Committed to the outbox now.</summary>
    Accepted,

    /// <summary>Already committed earlier under the same MessageID; nothing was written.</summary>
    Duplicate,
}
