namespace DuplexBus.Testing.LightRm;

/// <summary>The names a WCF one-way WS-RM 1.1 session uses on SOAP 1.2 with WS-Addressing 1.0 (PROTOCOLS.md §1).</summary>
public static class LightRmNames
{
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string Wsa10 = "http://www.w3.org/2005/08/addressing";
    public const string Rm11 = "http://docs.oasis-open.org/ws-rx/wsrm/200702";
    public const string Anonymous = Wsa10 + "/anonymous";

    /// <summary>What WCF's text encoder sends for SOAP 1.2: no action parameter, the action is only in wsa:Action.</summary>
    public const string ContentType = "application/soap+xml; charset=utf-8";

    public const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";
    public const string CreateSequence = Rm11 + "/CreateSequence";
    public const string CreateSequenceResponse = Rm11 + "/CreateSequenceResponse";
    public const string SequenceAcknowledgement = Rm11 + "/SequenceAcknowledgement";
    public const string CloseSequence = Rm11 + "/CloseSequence";
    public const string CloseSequenceResponse = Rm11 + "/CloseSequenceResponse";
    public const string TerminateSequence = Rm11 + "/TerminateSequence";
    public const string TerminateSequenceResponse = Rm11 + "/TerminateSequenceResponse";
}
