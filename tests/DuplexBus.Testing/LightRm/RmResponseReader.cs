using System.Globalization;
using System.Xml;

namespace DuplexBus.Testing.LightRm;

/// <summary>
/// Reads a SOAP 1.2 answer with an <see cref="XmlReader"/>, forward only: the WS-Addressing headers, the WS-RM 1.1
/// acknowledgements, and the body's first element. Anything that is not a SOAP 1.2 envelope is a <see cref="FormatException"/>.
/// </summary>
public static class RmResponseReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    public static RmResponse Read(Stream envelope)
    {
        using var reader = XmlReader.Create(envelope, Settings);
        try
        {
            return Read(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException($"The answer is not well-formed XML: {e.Message}", e);
        }
    }

    private static RmResponse Read(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || !reader.IsStartElement("Envelope", LightRmNames.Soap12))
            throw new FormatException($"The answer is not a SOAP 1.2 envelope: it starts with {{{reader.NamespaceURI}}}{reader.LocalName}.");
        string? action = null, relatesTo = null, bodyIdentifier = null, fault = null;
        XmlQualifiedName? bodyElement = null;
        var acknowledgements = new List<SequenceAcknowledgement>();
        var sawBody = false;
        foreach (var _ in Children(reader))
        {
            if (reader.IsStartElement("Header", LightRmNames.Soap12))
            {
                foreach (var __ in Children(reader))
                {
                    if (reader.IsStartElement("Action", LightRmNames.Wsa10))
                        action = reader.ReadElementContentAsString();
                    else if (reader.IsStartElement("RelatesTo", LightRmNames.Wsa10))
                        relatesTo = reader.ReadElementContentAsString();
                    else if (reader.IsStartElement("SequenceAcknowledgement", LightRmNames.Rm11))
                        acknowledgements.Add(ReadAcknowledgement(reader));
                    else
                        reader.Skip();
                }
            }
            else if (reader.IsStartElement("Body", LightRmNames.Soap12))
            {
                sawBody = true;
                foreach (var __ in Children(reader))
                {
                    if (bodyElement is not null)
                    {
                        reader.Skip();
                        continue;
                    }
                    bodyElement = new XmlQualifiedName(reader.LocalName, reader.NamespaceURI);
                    if (reader.IsStartElement("Fault", LightRmNames.Soap12))
                        fault = ReadFault(reader);
                    else if (reader.NamespaceURI == LightRmNames.Rm11)
                        bodyIdentifier = ReadIdentifierChild(reader);
                    else
                        reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }
        if (!sawBody)
            throw new FormatException("The answer envelope has no Body.");
        return new RmResponse(action, relatesTo, acknowledgements, bodyElement, bodyIdentifier, fault);
    }

    /// <summary>
    /// Steps into the current element and stops on each child element; the caller consumes it (read or skip) before the
    /// next. Ends after the element's end tag.
    /// </summary>
    private static IEnumerable<bool> Children(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            yield break;
        }
        reader.Read();
        while (reader.MoveToContent() == XmlNodeType.Element)
            yield return true;
        if (reader.NodeType != XmlNodeType.EndElement)
            throw new FormatException($"Unexpected {reader.NodeType} in the answer.");
        reader.ReadEndElement();
    }

    private static SequenceAcknowledgement ReadAcknowledgement(XmlReader reader)
    {
        string? identifier = null;
        var ranges = new List<AckRange>();
        var nacks = new List<long>();
        bool none = false, final = false;
        foreach (var _ in Children(reader))
        {
            if (reader.NamespaceURI != LightRmNames.Rm11)
            {
                reader.Skip(); // e.g. netrm:BufferRemaining
                continue;
            }
            switch (reader.LocalName)
            {
                case "Identifier":
                    identifier = reader.ReadElementContentAsString();
                    break;
                case "AcknowledgementRange":
                    ranges.Add(new AckRange(Number(reader.GetAttribute("Lower"), "Lower"), Number(reader.GetAttribute("Upper"), "Upper")));
                    reader.Skip();
                    break;
                case "Nack":
                    nacks.Add(Number(reader.ReadElementContentAsString(), "Nack"));
                    break;
                case "None":
                    none = true;
                    reader.Skip();
                    break;
                case "Final":
                    final = true;
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new SequenceAcknowledgement(
            identifier ?? throw new FormatException("A SequenceAcknowledgement has no Identifier."), ranges, none, nacks, final);
    }

    private static string? ReadIdentifierChild(XmlReader reader)
    {
        string? identifier = null;
        foreach (var _ in Children(reader))
        {
            if (identifier is null && reader.IsStartElement("Identifier", LightRmNames.Rm11))
                identifier = reader.ReadElementContentAsString();
            else
                reader.Skip();
        }
        return identifier;
    }

    /// <summary>The fault's code values (Code/Value, then each Subcode/Value) and its first reason text, for the error report.</summary>
    private static string ReadFault(XmlReader reader)
    {
        var codes = new List<string>();
        string? reason = null;
        using (var fault = reader.ReadSubtree())
        {
            fault.Read();
            while (!fault.EOF)
            {
                var soapElement = fault.NodeType == XmlNodeType.Element && fault.NamespaceURI == LightRmNames.Soap12;
                if (soapElement && fault.LocalName == "Value")
                    codes.Add(fault.ReadElementContentAsString());
                else if (soapElement && fault.LocalName == "Text" && reason is null)
                    reason = fault.ReadElementContentAsString();
                else
                    fault.Read();
            }
        }
        // Disposing the subtree reader left this one on the fault's end tag (or on an empty fault element).
        reader.Read();
        return $"{string.Join(" / ", codes)}: {reason}";
    }

    private static long Number(string? text, string what) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"{what} '{text}' is not a message number.");
}
