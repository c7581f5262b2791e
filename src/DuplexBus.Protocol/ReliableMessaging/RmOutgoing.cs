using System.Collections.Immutable;
using System.Xml.Linq;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>A WS-RM answer ready to be enveloped: HTTP status, action, header blocks and body (null: empty body).</summary>
public sealed record RmOutgoing(int Status, string? Action, ImmutableArray<XElement> Headers, XElement? Body);
