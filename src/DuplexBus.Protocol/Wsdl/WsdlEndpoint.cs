namespace DuplexBus.Protocol.Wsdl;

/// <summary>
/// What an endpoint serves, as far as its WSDL and policy say: the SOAP versions, the WS-RM versions (each gets its
/// own binding beside a plain one), the sequence timings WCF writes into the RM assertion, and whether calls carry a
/// context (context exchange).
/// </summary>
internal sealed record WsdlEndpoint
{
    public bool Soap11 { get; init; } = true;

    public bool Soap12 { get; init; } = true;

    public bool ReliableMessaging10 { get; init; } = true;

    public bool ReliableMessaging11 { get; init; } = true;

    /// <summary>Whether the destination delivers in order (WS-RM 1.1 <c>InOrder</c> delivery assurance).</summary>
    public bool Ordered { get; init; } = true;

    /// <summary>WCF's default, 10 minutes.</summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>WCF's default, 200 ms.</summary>
    public TimeSpan AcknowledgementInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Whether a call may carry a context (header on addressed bindings, cookie on the plain SOAP 1.1 one).</summary>
    public bool ContextExchange { get; init; } = true;
}
