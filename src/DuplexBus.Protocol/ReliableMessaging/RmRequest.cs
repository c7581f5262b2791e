using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>A WS-RM protocol message carried in the body.</summary>
public abstract record RmRequest;

/// <param name="OfferIdentifier">The id of the reply sequence the client offers (request-reply sessions).</param>
/// <param name="OfferEndpoint">1.1: where the offered sequence's messages go.</param>
public sealed record CreateSequenceRequest(EndpointAddress AcksTo, string? OfferIdentifier, EndpointAddress? OfferEndpoint) : RmRequest;

/// <summary>1.1: no more messages; LastMsgNumber (when given) is the highest number sent.</summary>
public sealed record CloseSequenceRequest(string Identifier, long? LastMessageNumber) : RmRequest;

public sealed record TerminateSequenceRequest(string Identifier, long? LastMessageNumber) : RmRequest;
