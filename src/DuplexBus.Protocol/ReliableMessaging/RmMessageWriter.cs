using System.Globalization;
using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>Shapes the destination's answers as the WCF client reads them. Pure: elements in, elements out.</summary>
public static class RmMessageWriter
{
    public static XElement AckHeader(RmVersion rm, SendAck ack)
    {
        var header = new XElement(rm.SequenceAcknowledgement, new XElement(rm.Identifier, ack.Identifier));
        if (ack.Ranges.IsEmpty)
        {
            // B1402: before any message, 1.0 acknowledges 0-0; 1.1 has an explicit None.
            header.Add(rm.IsV11 ? new XElement(rm.None) : Range(rm, 0, 0));
        }
        foreach (var range in ack.Ranges.Ranges)
            header.Add(Range(rm, range.Lower, range.Upper));
        if (ack.Final && rm.IsV11)
            header.Add(new XElement(rm.Final));
        if (ack.BufferRemaining is { } remaining)
            header.Add(new XElement(RmVersion.BufferRemaining, remaining));
        return header;
    }

    public static XElement SequenceHeader(RmVersion rm, SoapVersion soap, string identifier, long number, bool lastMessage) =>
        new(
            rm.Sequence,
            new XAttribute(soap.Namespace + "mustUnderstand", "1"),
            new XElement(rm.Identifier, identifier),
            new XElement(rm.MessageNumber, number.ToString(CultureInfo.InvariantCulture)),
            lastMessage ? new XElement(rm.LastMessage) : null);

    /// <summary>Everything but application replies, which the edge composes from a stored reply body.</summary>
    public static RmOutgoing Write(RmResponse response, RmSequence? sequence, RmVersion rm, AddressingVersion addressing)
    {
        switch (response)
        {
            case SendAck ack:
                return new RmOutgoing(200, rm.SequenceAcknowledgementAction, [AckHeader(rm, ack)], null);
            case SendCreateSequenceResponse created:
                var body = new XElement(rm.CreateSequenceResponse, new XElement(rm.Identifier, created.Identifier));
                if (created.Behavior is { } behavior && rm.IsV11)
                    body.Add(new XElement(rm.Namespace + "IncompleteSequenceBehavior", behavior.ToString()));
                if (created.AcceptAcksTo is { } acksTo)
                    body.Add(new XElement(rm.Accept, new XElement(rm.AcksTo, new XElement(addressing.Address, acksTo))));
                return new RmOutgoing(200, rm.CreateSequenceResponseAction, [], body);
            case SendCloseSequenceResponse closed:
                return new RmOutgoing(200, rm.CloseSequenceResponseAction, [AckHeader(rm, closed.Ack)], new XElement(rm.CloseSequenceResponse, new XElement(rm.Identifier, closed.Identifier)));
            case SendTerminateSequenceResponse terminated when rm.IsV11:
                return new RmOutgoing(200, rm.TerminateSequenceResponseAction, [AckHeader(rm, terminated.Ack)], new XElement(rm.TerminateSequenceResponse, new XElement(rm.Identifier, terminated.Identifier)));
            case SendTerminateSequenceResponse terminated:
                // 1.0 request-reply: answered by terminating the offered reply sequence, with a full ack of the request sequence.
                var replyId = sequence?.ReplySequenceId ?? terminated.Identifier;
                return new RmOutgoing(200, rm.TerminateSequenceAction, [AckHeader(rm, terminated.Ack)], new XElement(rm.TerminateSequence, new XElement(rm.Identifier, replyId)));
            case SendNothing:
                return new RmOutgoing(202, null, [], null);
            default:
                throw new ArgumentOutOfRangeException(nameof(response), response, "Faults and replies are written by the edge.");
        }
    }

    private static XElement Range(RmVersion rm, long lower, long upper) =>
        new(rm.AcknowledgementRange, new XAttribute("Lower", lower), new XAttribute("Upper", upper));
}
