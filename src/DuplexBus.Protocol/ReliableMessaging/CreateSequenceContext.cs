using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>What the destination needs to decide on a CreateSequence besides the request itself.</summary>
/// <param name="NewIdentifier">The id the sequence gets if accepted (chosen by the caller: unguessable).</param>
/// <param name="EndpointUri">The address the request was sent to (the Accept's AcksTo, R1108).</param>
/// <param name="OpenSequences">How many sequences are open now, for the admission limit.</param>
/// <param name="OpenForClient">How many of them the caller's client has open, for the per-client limit.</param>
public sealed record CreateSequenceContext(
    string NewIdentifier,
    RmVersion Version,
    SoapVersion Soap,
    AddressingVersion Addressing,
    AddressingHeaders Headers,
    string EndpointUri,
    long OpenSequences,
    RmLimits Limits,
    DateTime Now,
    RmCaller Caller,
    long OpenForClient = 0);
