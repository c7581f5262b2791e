using System.Xml;

namespace DuplexBus.Testing.LightRm;

/// <summary>What the light generator reads from an answer envelope: enough to check it as the WCF client would.</summary>
/// <param name="Action">wsa:Action, or null when the answer has none.</param>
/// <param name="RelatesTo">wsa:RelatesTo, or null.</param>
/// <param name="Acknowledgements">Every WS-RM 1.1 SequenceAcknowledgement header, in order.</param>
/// <param name="BodyElement">The body's first element, or null for an empty body.</param>
/// <param name="BodyIdentifier">The Identifier child of a WS-RM body element (e.g. CreateSequenceResponse), or null.</param>
/// <param name="Fault">A SOAP fault's subcodes and reason, or null when the body is not a fault.</param>
public sealed record RmResponse(
    string? Action,
    string? RelatesTo,
    IReadOnlyList<SequenceAcknowledgement> Acknowledgements,
    XmlQualifiedName? BodyElement,
    string? BodyIdentifier,
    string? Fault);
