namespace DuplexBus.Edge.Sessions;

/// <summary>What a sequence message carries into the destination's transaction.</summary>
internal abstract record RmPayload
{
    /// <summary>The size that counts against the per-sequence bound on held bytes.</summary>
    public abstract long Bytes { get; }
}

/// <summary>A translated message, already serialized as the outbox stores it (type URN and JSON body).</summary>
internal sealed record ContractPayload(string MessageType, string Body) : RmPayload
{
    public override long Bytes => System.Text.Encoding.UTF8.GetByteCount(Body);
}

/// <summary>
/// A message that can never be applied as it is (its body does not match the operation, its callback address is
/// refused, its action is unknown): acknowledged at the WS-RM layer like any other, and parked with its envelope so
/// an operator sees it and can replay it once what refused it has changed.
/// </summary>
/// <param name="Action">The SOAP action it came with.</param>
/// <param name="Envelope">The envelope as received, without security headers.</param>
/// <param name="Reason">Why it cannot be applied.</param>
internal sealed record UnappliablePayload(string Action, string Envelope, string Reason) : RmPayload
{
    public override long Bytes => 0; // parked at once, never held
}
