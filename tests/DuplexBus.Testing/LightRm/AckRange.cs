namespace DuplexBus.Testing.LightRm;

/// <summary>One AcknowledgementRange of a SequenceAcknowledgement: message numbers Lower..Upper, both included.</summary>
public readonly record struct AckRange(long Lower, long Upper)
{
    public override string ToString() => Lower == Upper ? $"{Lower}" : $"{Lower}-{Upper}";
}
