using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

/// <summary>Writes reply and fault envelopes in the SOAP and WS-Addressing version of the request they answer.</summary>
public static class SoapMessageWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        OmitXmlDeclaration = true,
        CloseOutput = false,
    };

    /// <summary>Writes an envelope whose body is written by <paramref name="writeBody"/> (which may write nothing).</summary>
    public static byte[] WriteMessage(
        SoapVersion version,
        AddressingVersion addressing,
        string? action,
        string? relatesTo,
        IEnumerable<XElement> headers,
        Action<XmlWriter>? writeBody)
    {
        using var buffer = new MemoryStream(1024);
        using (var writer = XmlWriter.Create(buffer, Settings))
        {
            writer.WriteStartElement("s", "Envelope", version.Namespace.NamespaceName);
            if (addressing.IsAddressed)
                writer.WriteAttributeString("xmlns", "a", null, addressing.Namespace.NamespaceName);
            writer.WriteStartElement("s", "Header", version.Namespace.NamespaceName);
            if (addressing.IsAddressed && action is not null)
            {
                writer.WriteStartElement("a", "Action", addressing.Namespace.NamespaceName);
                writer.WriteAttributeString("s", "mustUnderstand", version.Namespace.NamespaceName, "1");
                writer.WriteString(action);
                writer.WriteEndElement();
            }
            if (addressing.IsAddressed && relatesTo is not null)
                writer.WriteElementString("a", "RelatesTo", addressing.Namespace.NamespaceName, relatesTo);
            foreach (var header in headers)
                header.WriteTo(writer);
            writer.WriteEndElement();

            writer.WriteStartElement("s", "Body", version.Namespace.NamespaceName);
            writeBody?.Invoke(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return buffer.ToArray();
    }

    public static byte[] WriteFault(SoapFault fault, SoapVersion version, AddressingVersion addressing, string? relatesTo)
    {
        var action = fault.Action ?? addressing.DefaultFaultAction;
        return WriteMessage(version, addressing, action, relatesTo, fault.Headers, writer =>
        {
            if (version == SoapVersion.Soap12)
                WriteFault12(writer, fault, version);
            else
                WriteFault11(writer, fault, version);
        });
    }

    /// <summary>The Fault body element alone, for a fault sent as the reply of a reliable request.</summary>
    public static XElement FaultElement(SoapFault fault, SoapVersion version)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var document = new XDocument();
        using (var writer = document.CreateWriter())
        {
            if (version == SoapVersion.Soap12)
                WriteFault12(writer, fault, version);
            else
                WriteFault11(writer, fault, version);
        }
        return document.Root!;
    }

    private static void WriteFault11(XmlWriter writer, SoapFault fault, SoapVersion version)
    {
        writer.WriteStartElement("s", "Fault", version.Namespace.NamespaceName);
        writer.WriteStartElement("faultcode");
        var code = fault.Code switch
        {
            FaultCode.MustUnderstand => version.MustUnderstandCode,
            FaultCode.VersionMismatch => version.VersionMismatchCode,
            _ when !fault.Subcodes.IsDefaultOrEmpty => fault.Subcodes[0],
            FaultCode.Receiver => version.ReceiverCode,
            _ => version.SenderCode,
        };
        WriteQName(writer, code, version);
        writer.WriteEndElement();
        writer.WriteStartElement("faultstring");
        writer.WriteAttributeString("xml", "lang", null, "en-US");
        writer.WriteString(Printable(fault.Reason));
        writer.WriteEndElement();
        if (fault.Detail is not null)
        {
            writer.WriteStartElement("detail");
            fault.Detail.WriteTo(writer);
            foreach (var more in fault.MoreDetail)
                more.WriteTo(writer);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private static void WriteFault12(XmlWriter writer, SoapFault fault, SoapVersion version)
    {
        var ns = version.Namespace.NamespaceName;
        writer.WriteStartElement("s", "Fault", ns);
        writer.WriteStartElement("s", "Code", ns);
        writer.WriteStartElement("s", "Value", ns);
        WriteQName(writer, fault.Code switch
        {
            FaultCode.MustUnderstand => version.MustUnderstandCode,
            FaultCode.VersionMismatch => version.VersionMismatchCode,
            FaultCode.Receiver => version.ReceiverCode,
            _ => version.SenderCode,
        }, version);
        writer.WriteEndElement();
        if (!fault.Subcodes.IsDefaultOrEmpty)
        {
            foreach (var subcode in fault.Subcodes)
            {
                writer.WriteStartElement("s", "Subcode", ns);
                writer.WriteStartElement("s", "Value", ns);
                WriteQName(writer, subcode, version);
                writer.WriteEndElement();
            }
            foreach (var _ in fault.Subcodes)
                writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteStartElement("s", "Reason", ns);
        writer.WriteStartElement("s", "Text", ns);
        writer.WriteAttributeString("xml", "lang", null, "en-US");
        writer.WriteString(Printable(fault.Reason));
        writer.WriteEndElement();
        writer.WriteEndElement();
        if (fault.Detail is not null)
        {
            writer.WriteStartElement("s", "Detail", ns);
            fault.Detail.WriteTo(writer);
            foreach (var more in fault.MoreDetail)
                more.WriteTo(writer);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    /// <summary>
    /// A reason may quote what the client sent — characters XML cannot carry among them (a parser's message about an
    /// invalid character quotes it): those become U+FFFD, so the fault can always be written.
    /// </summary>
    private static string Printable(string text)
    {
        if (!text.Any(c => !XmlConvert.IsXmlChar(c)))
            return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
                clean.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                clean.Append(text[i]).Append(text[++i]);
            else
                clean.Append('\uFFFD');
        }
        return clean.ToString();
    }

    /// <summary>Writes a QName value with its prefix declared on the element, so it resolves wherever the element is read.</summary>
    private static void WriteQName(XmlWriter writer, XName name, SoapVersion version)
    {
        if (name.Namespace == version.Namespace)
        {
            writer.WriteString("s:" + name.LocalName);
            return;
        }
        writer.WriteAttributeString("xmlns", "c", null, name.NamespaceName);
        writer.WriteString("c:" + name.LocalName);
    }
}
