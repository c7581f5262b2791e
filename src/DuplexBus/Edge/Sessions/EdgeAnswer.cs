using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Sessions;

/// <summary>What the HTTP layer sends back: status, and an envelope (null for an empty body).</summary>
internal sealed record EdgeAnswer(int Status, byte[]? Envelope, SoapFault? Fault = null, string Outcome = "");
