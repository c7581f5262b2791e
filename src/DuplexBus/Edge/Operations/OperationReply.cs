using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Operations;

/// <summary>What a request-reply handler answered: a reply body with its action, or a fault.</summary>
internal sealed record OperationReply(string? Action, XElement? Body, SoapFault? Fault);
