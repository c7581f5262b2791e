using System.Collections.Immutable;
using System.Xml.Linq;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>The Sequence header of a sequence message.</summary>
public sealed record SequenceHeader(string Identifier, long MessageNumber, bool LastMessage);

/// <summary>A request to acknowledge a sequence now (WCF's keep-alive).</summary>
public sealed record AckRequestedHeader(string Identifier);

/// <summary>An acknowledgement the client sends for a sequence this endpoint sends (the offered reply sequence).</summary>
public sealed record AcknowledgementHeader(string Identifier, AckRanges Ranges, ImmutableArray<long> Nacks, bool None, bool Final, XElement Element);
