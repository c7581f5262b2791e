using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

/// <summary>
/// Parses one SOAP envelope from a complete, size-checked buffer. Pure: no HTTP, no I/O beyond the given stream.
/// Every way the input can be wrong ends in a <see cref="SoapFault"/>, never an exception.
/// </summary>
public static class SoapEnvelopeReader
{
    /// <param name="input">The request body.</param>
    /// <param name="contentTypeVersion">The SOAP version the HTTP Content-Type announced, when it did.</param>
    /// <param name="httpAction">The action from the HTTP layer (SOAPAction, or the SOAP 1.2 action parameter).</param>
    public static SoapReadResult Read(Stream input, SoapVersion? contentTypeVersion, string? httpAction, SoapReadOptions options)
    {
        var version = contentTypeVersion ?? SoapVersion.Soap11;
        try
        {
            using var reader = HardenedXml.CreateReader(input, options.MaxCharacters, options.MaxNameCharacters);
            var instructions = false;
            while (reader.Read() && reader.NodeType is not XmlNodeType.Element and not XmlNodeType.Text and not XmlNodeType.CDATA)
                instructions |= reader.NodeType == XmlNodeType.ProcessingInstruction;
            if (reader.NodeType != XmlNodeType.Element)
                return SoapReadResult.Failed(SoapFaults.NotAnEnvelope(reader.NodeType.ToString()), version);

            var envelopeVersion = SoapVersion.FromNamespace(reader.NamespaceURI);
            if (reader.LocalName != "Envelope")
                return SoapReadResult.Failed(SoapFaults.NotAnEnvelope(reader.Name), envelopeVersion ?? version);
            if (envelopeVersion is null || (contentTypeVersion is not null && envelopeVersion != contentTypeVersion))
                return SoapReadResult.Failed(SoapFaults.VersionMismatch(reader.NamespaceURI), version);
            version = envelopeVersion;
            if (instructions && version == SoapVersion.Soap11)
                return SoapReadResult.Failed(SoapFaults.Malformed(HardenedXml.ProcessingInstructionRefused), version);

            var envelope = HardenedXml.LoadElement(reader, QuotasOf(options, version));
            while (!reader.EOF)
            {
                // The rest of the document must still be well-formed (and, in SOAP 1.1, without instructions).
                if (reader.NodeType == XmlNodeType.ProcessingInstruction && version == SoapVersion.Soap11)
                    return SoapReadResult.Failed(SoapFaults.Malformed(HardenedXml.ProcessingInstructionRefused), version);
                reader.Read();
            }

            return Interpret(envelope, version, httpAction, options);
        }
        catch (XmlDepthException e)
        {
            return SoapReadResult.Failed(SoapFaults.TooDeep(e.Limit), version);
        }
        catch (XmlQuotaException e)
        {
            return SoapReadResult.Failed(SoapFaults.QuotaExceeded(e.Quota, e.Limit), version);
        }
        catch (XmlException e) when (IsDtd(e))
        {
            return SoapReadResult.Failed(SoapFaults.DtdNotAllowed(), version);
        }
        catch (XmlException e)
        {
            return SoapReadResult.Failed(SoapFaults.Malformed(e.Message), version);
        }
    }

    private static XmlQuotas QuotasOf(SoapReadOptions options, SoapVersion version) => new()
    {
        MaxDepth = options.MaxDepth,
        MaxNodes = options.MaxNodes,
        MaxAttributesPerElement = options.MaxAttributesPerElement,
        MaxStringContentLength = options.MaxStringContentLength,
        HeaderName = version.Namespace + "Header",
        MaxHeaders = options.MaxHeaders,
        MaxHeaderCharacters = options.MaxHeaderCharacters,
        ForbidProcessingInstructions = version == SoapVersion.Soap11,
    };

    private static SoapReadResult Interpret(XElement envelope, SoapVersion version, string? httpAction, SoapReadOptions options)
    {
        var ns = version.Namespace;
        XElement? header = null;
        XElement? body = null;
        foreach (var child in envelope.Elements())
        {
            if (child.Name == ns + "Header" && header is null && body is null)
                header = child;
            else if (child.Name == ns + "Body" && body is null)
                body = child;
            else
                return SoapReadResult.Failed(SoapFaults.NotAnEnvelope($"unexpected element '{child.Name.LocalName}' in the envelope"), version);
        }
        if (body is null)
            return SoapReadResult.Failed(SoapFaults.NotAnEnvelope("the envelope has no Body"), version);

        // Header blocks meant for another node (SOAP 1.2 role, SOAP 1.1 actor) are not this node's to process or understand.
        var headers = header?.Elements().Where(h => TargetsThisNode(h, version)).ToImmutableArray() ?? [];
        var addressing = DetectAddressing(headers);

        foreach (var block in headers)
        {
            if (IsMustUnderstand(block, version) && !Understood(block.Name, addressing, options))
                return SoapReadResult.Failed(SoapFaults.MustUnderstand(block.Name), version, addressing);
        }

        if (addressing.IsAddressed && CheckAddressing(headers, addressing, httpAction) is { } invalid)
            return SoapReadResult.Failed(invalid, version, addressing);

        var addressingHeaders = addressing.IsAddressed ? ReadAddressing(headers, addressing) : AddressingHeaders.Empty;
        var action = addressing.IsAddressed ? addressingHeaders.Action : httpAction;
        if (addressing.IsAddressed && string.IsNullOrEmpty(action))
            return SoapReadResult.Failed(SoapFaults.HeaderRequired(addressing, addressing.Action), version, addressing);

        var others = headers.Where(h => h.Name.Namespace != addressing.Namespace || !addressing.IsAddressed).ToImmutableArray();
        return SoapReadResult.Ok(new SoapEnvelope(version, addressing, addressingHeaders, action, others, body.Elements().FirstOrDefault()) { Element = envelope });
    }

    private static AddressingVersion DetectAddressing(ImmutableArray<XElement> headers)
    {
        foreach (var header in headers)
        {
            var addressing = AddressingVersion.FromNamespace(header.Name.NamespaceName);
            if (addressing is not null)
                return addressing;
        }
        return AddressingVersion.None;
    }

    /// <summary>
    /// WS-Addressing 1.0 SOAP binding §6.4.1: each message addressing header at most once; an endpoint reference has
    /// an Address; a MessageID is not empty; the HTTP action, when given, is the wsa:Action.
    /// </summary>
    private static SoapFault? CheckAddressing(ImmutableArray<XElement> headers, AddressingVersion addressing, string? httpAction)
    {
        foreach (var name in (ReadOnlySpan<XName>)[addressing.Action, addressing.MessageId, addressing.To, addressing.ReplyTo, addressing.FaultTo])
        {
            XElement? found = null;
            foreach (var header in headers)
            {
                if (header.Name != name)
                    continue;
                if (found is not null)
                    return SoapFaults.InvalidAddressingHeader(addressing, name, "InvalidCardinality", $"The message has more than one {name.LocalName} header.");
                found = header;
            }
            if (found is null)
                continue;
            if (name == addressing.MessageId && string.IsNullOrWhiteSpace(found.Value))
                return SoapFaults.InvalidAddressingHeader(addressing, name, null, "The MessageID header is empty.");
            if ((name == addressing.ReplyTo || name == addressing.FaultTo) && found.Element(addressing.Address) is null)
                return SoapFaults.InvalidAddressingHeader(addressing, name, "MissingAddressInEPR", $"The {name.LocalName} endpoint reference has no Address.");
            if (name == addressing.Action && !string.IsNullOrEmpty(httpAction) && found.Value.Trim() is { Length: > 0 } action && action != httpAction)
                return SoapFaults.InvalidAddressingHeader(addressing, name, "ActionMismatch", "The HTTP action differs from the wsa:Action header.");
        }
        return null;
    }

    private static AddressingHeaders ReadAddressing(ImmutableArray<XElement> headers, AddressingVersion addressing)
    {
        string? Text(XName name) => headers.FirstOrDefault(h => h.Name == name)?.Value.Trim();
        EndpointAddress? Epr(XName name) =>
            headers.FirstOrDefault(h => h.Name == name) is { } element ? EndpointAddress.Parse(element, addressing) : null;

        return new AddressingHeaders(
            Text(addressing.Action),
            Text(addressing.MessageId),
            Text(addressing.To),
            Text(addressing.RelatesTo),
            Epr(addressing.ReplyTo),
            Epr(addressing.FaultTo));
    }

    private static bool TargetsThisNode(XElement header, SoapVersion version)
    {
        if (version == SoapVersion.Soap12)
        {
            var role = (string?)header.Attribute(version.Namespace + "role");
            return role is null or "" or "http://www.w3.org/2003/05/soap-envelope/role/next" or "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";
        }
        var actor = (string?)header.Attribute(version.Namespace + "actor");
        return actor is null or "" or "http://schemas.xmlsoap.org/soap/actor/next";
    }

    private static bool IsMustUnderstand(XElement header, SoapVersion version)
    {
        var value = (string?)header.Attribute(version.Namespace + "mustUnderstand");
        return value is "1" or "true";
    }

    private static bool Understood(XName name, AddressingVersion addressing, SoapReadOptions options) =>
        (addressing.IsAddressed && name.Namespace == addressing.Namespace) || options.UnderstoodHeaders.Contains(name);

    // The reader reports a prohibited DTD only through its message; the invariant-culture text names the DTD.
    private static bool IsDtd(XmlException e) => e.Message.Contains("DTD", StringComparison.Ordinal);
}
