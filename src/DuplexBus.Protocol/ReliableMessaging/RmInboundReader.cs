using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>
/// Finds the WS-RM content of a parsed envelope: the version (from any RM header, the body or the action), the
/// Sequence, AckRequested and SequenceAcknowledgement headers, and CreateSequence/CloseSequence/TerminateSequence
/// bodies. Pure; malformed content becomes the fault the specs name.
/// </summary>
public static class RmInboundReader
{
    public static RmReadResult Read(SoapEnvelope envelope)
    {
        var rm = DetectVersion(envelope);
        if (rm is null)
            return RmReadResult.NotReliable;
        var faults = new RmFaults(rm, envelope.Version, envelope.Addressing);
        if (!envelope.Addressing.IsAddressed)
            return Fail(SoapFaults.HeaderRequired(AddressingVersion.V10, AddressingVersion.V10.Action));
        if (IsFault(envelope))
            return new RmReadResult(new RmInbound(rm, null, [], [], null) { ClientFault = ReadClientFault(envelope, rm) }, null);

        SequenceHeader? sequence = null;
        var ackRequests = ImmutableArray.CreateBuilder<AckRequestedHeader>();
        var acknowledgements = ImmutableArray.CreateBuilder<AcknowledgementHeader>();
        foreach (var header in envelope.Headers)
        {
            if (header.Name == rm.Sequence)
            {
                var read = ReadSequence(header, rm, faults);
                if (read.Fault is not null)
                {
                    var named = Identifier(header, rm);
                    return read.Fault.Name == "SequenceTerminated" && named.Length > 0
                        ? new RmReadResult(null, read.Fault) { Ends = new RmFaultedSequence(named, IsReplySequence: false, rm) }
                        : Fail(read.Fault);
                }
                sequence = read.Header;
            }
            else if (header.Name == rm.AckRequested)
            {
                ackRequests.Add(new AckRequestedHeader(Identifier(header, rm)));
            }
            else if (header.Name == rm.SequenceAcknowledgement)
            {
                var ack = ReadAcknowledgement(header, rm);
                if (ack is null)
                {
                    var named = Identifier(header, rm);
                    return new RmReadResult(null, faults.InvalidAcknowledgement(header))
                    {
                        Ends = named.Length == 0 ? null : new RmFaultedSequence(named, IsReplySequence: true, rm),
                    };
                }
                acknowledgements.Add(ack);
            }
        }

        var request = ReadRequest(envelope.Body, rm, envelope.Addressing, envelope.Action, faults);
        if (request.Fault is not null)
            return Fail(request.Fault);
        return new RmReadResult(new RmInbound(rm, sequence, ackRequests.ToImmutable(), acknowledgements.ToImmutable(), request.Request), null);

        static RmReadResult Fail(SoapFault fault) => new(null, fault);
    }

    private static RmVersion? DetectVersion(SoapEnvelope envelope)
    {
        foreach (var header in envelope.Headers)
        {
            if (RmVersion.FromNamespace(header.Name.NamespaceName) is { } version)
                return version;
        }
        return (envelope.Body is { } body ? RmVersion.FromNamespace(body.Name.NamespaceName) : null)
            ?? RmVersion.FromAction(envelope.Action)
            ?? (IsFault(envelope) ? FaultDetailVersion(envelope.Body!) : null);
    }

    private static bool IsFault(SoapEnvelope envelope) => envelope.Body?.Name == envelope.Version.Namespace + "Fault";

    /// <summary>A SOAP 1.2 fault with the WS-Addressing fault action still names WS-RM in its detail.</summary>
    private static RmVersion? FaultDetailVersion(XElement fault)
    {
        foreach (var element in fault.Descendants())
        {
            if (RmVersion.FromNamespace(element.Name.NamespaceName) is { } version)
                return version;
        }
        return null;
    }

    /// <summary>
    /// The fault's WS-RM name and the sequence it names: SOAP 1.1 carries both in the rm:SequenceFault header
    /// (1.1 wraps the detail in rm:Detail), SOAP 1.2 in the Subcode and the Detail.
    /// </summary>
    private static RmClientFault ReadClientFault(SoapEnvelope envelope, RmVersion rm)
    {
        var header = envelope.Header(rm.SequenceFault);
        var code = header?.Element(rm.FaultCode)?.Value
            ?? envelope.Body!.Descendants().LastOrDefault(e => e.Name.LocalName == "Value")?.Value
            ?? envelope.Body!.Element("faultcode")?.Value
            ?? "";
        var name = code.Trim() is var trimmed && trimmed.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? trimmed[(colon + 1)..] : code.Trim();
        var identifier = (header?.Descendants(rm.Identifier) ?? []).Concat(envelope.Body!.Descendants(rm.Identifier)).FirstOrDefault()?.Value.Trim();
        return new RmClientFault(name, string.IsNullOrEmpty(identifier) ? null : identifier);
    }

    private static (SequenceHeader? Header, SoapFault? Fault) ReadSequence(XElement header, RmVersion rm, RmFaults faults)
    {
        var identifier = Identifier(header, rm);
        if (identifier.Length == 0)
            return (null, faults.SequenceTerminated(identifier, "The Sequence header has no Identifier."));
        var text = header.Element(rm.MessageNumber)?.Value.Trim();
        if (!BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return (null, faults.SequenceTerminated(identifier, "The Sequence header has no valid MessageNumber."));
        if (number > RmFaults.MaxMessageNumber)
            return (null, faults.MessageNumberRollover(identifier));
        if (number < 1)
            return (null, faults.SequenceTerminated(identifier, "Message numbers start at 1."));
        return (new SequenceHeader(identifier, (long)number, header.Element(rm.LastMessage) is not null), null);
    }

    private static AcknowledgementHeader? ReadAcknowledgement(XElement header, RmVersion rm)
    {
        var identifier = Identifier(header, rm);
        var ranges = new List<AckRange>();
        foreach (var range in header.Elements(rm.AcknowledgementRange))
        {
            if (!long.TryParse((string?)range.Attribute("Lower"), NumberStyles.None, CultureInfo.InvariantCulture, out var lower)
                || !long.TryParse((string?)range.Attribute("Upper"), NumberStyles.None, CultureInfo.InvariantCulture, out var upper)
                || lower > upper)
            {
                return null;
            }
            // B1402: 0-0 means "nothing received yet".
            if (upper > 0)
                ranges.Add(new AckRange(Math.Max(lower, 1), upper));
        }
        var nacks = ImmutableArray.CreateBuilder<long>();
        foreach (var nack in header.Elements(rm.Nack))
        {
            if (!long.TryParse(nack.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                return null;
            nacks.Add(number);
        }
        return new AcknowledgementHeader(
            identifier,
            AckRanges.From(ranges),
            nacks.ToImmutable(),
            header.Element(rm.None) is not null,
            header.Element(rm.Final) is not null,
            header);
    }

    private static (RmRequest? Request, SoapFault? Fault) ReadRequest(XElement? body, RmVersion rm, AddressingVersion addressing, string? action, RmFaults faults)
    {
        if (action == rm.CreateSequenceAction && body?.Name != rm.CreateSequence)
            return (null, faults.CreateSequenceRefused("The CreateSequence action needs a CreateSequence body."));
        if (body is null || body.Name.Namespace != rm.Namespace)
            return (null, null);

        // A protocol body goes with its own action (B1602: an unknown rm: action is not supported; 1.0 has no Close).
        var expected = body.Name == rm.CreateSequence ? rm.CreateSequenceAction
            : body.Name == rm.CloseSequence && rm.IsV11 ? rm.CloseSequenceAction
            : body.Name == rm.TerminateSequence ? rm.TerminateSequenceAction
            : null;
        if (expected is not null && action != expected)
            return (null, SoapFaults.ActionNotSupported(addressing, action));

        if (body.Name == rm.CreateSequence)
        {
            var acksTo = body.Element(rm.AcksTo);
            if (string.IsNullOrWhiteSpace(acksTo?.Element(addressing.Address)?.Value))
                return (null, faults.CreateSequenceRefused("CreateSequence has no AcksTo address."));
            var offer = body.Element(rm.Offer);
            EndpointAddress? offerEndpoint = null;
            if (offer is not null && rm.IsV11)
            {
                // 1.1: an Offer names the Endpoint its messages go to, and says IncompleteSequenceBehavior only with a defined value.
                if (offer.Element(rm.Endpoint) is not { } endpoint || string.IsNullOrWhiteSpace(endpoint.Element(addressing.Address)?.Value))
                    return (null, faults.CreateSequenceRefused("The Offer has no Endpoint address."));
                offerEndpoint = EndpointAddress.Parse(endpoint, addressing);
                if (offer.Element(rm.IncompleteSequenceBehavior)?.Value.Trim() is { } behavior && !Enum.TryParse<IncompleteSequenceBehavior>(behavior, out _) && behavior != "DiscardEntireSequence")
                    return (null, faults.CreateSequenceRefused("The Offer's IncompleteSequenceBehavior is not one WS-RM 1.1 defines."));
            }
            return (new CreateSequenceRequest(EndpointAddress.Parse(acksTo, addressing), offer is null ? null : Identifier(offer, rm), offerEndpoint), null);
        }
        if (body.Name == rm.CloseSequence && rm.IsV11)
            return (new CloseSequenceRequest(Identifier(body, rm), LastMsgNumber(body, rm)), null);
        if (body.Name == rm.TerminateSequence)
            return (new TerminateSequenceRequest(Identifier(body, rm), LastMsgNumber(body, rm)), null);
        return (null, null);
    }

    private static string Identifier(XElement element, RmVersion rm) => element.Element(rm.Identifier)?.Value.Trim() ?? "";

    private static long? LastMsgNumber(XElement element, RmVersion rm) =>
        long.TryParse(element.Element(rm.LastMsgNumber)?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
