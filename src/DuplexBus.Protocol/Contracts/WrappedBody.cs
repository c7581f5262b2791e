using System.Runtime.Serialization;
using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.Protocol.Contracts;

/// <summary>
/// WCF's wrapped bodies: an operation's parameters read from its request element, and its request, reply and fault
/// detail written. Reading never throws for bad input: it names the first problem, which the edge answers with a
/// DeserializationFailed fault.
/// </summary>
internal static class WrappedBody
{
    private const int MaxProblemLength = 240;

    public static PartsRead ReadRequest(OperationDescription operation, XElement? body)
    {
        ArgumentNullException.ThrowIfNull(operation);
        XNamespace ns = operation.Namespace;
        if (body is null)
            return PartsRead.Failed($"the body is empty; expected element '{operation.RequestElement}' in namespace '{operation.Namespace}'");
        if (body.Name != ns + operation.RequestElement)
            return PartsRead.Failed($"expected element '{operation.RequestElement}' in namespace '{operation.Namespace}', found '{body.Name.LocalName}' in namespace '{body.Name.NamespaceName}'");

        var arguments = new object?[operation.Parameters.Length];
        foreach (var part in operation.Parameters)
        {
            var element = body.Element(XName.Get(part.Name, part.Namespace));
            // WCF's own formatter reads a missing part as its default; a bridge cannot tell "left out" from "lost"
            // or a misspelt namespace, and WCF clients always write every part (null as xsi:nil): so it is refused.
            if (element is null)
                return PartsRead.Failed($"parameter '{part.Name}' is missing");
            if (!TryRead(part, element, out arguments[part.Position], out var problem))
                return PartsRead.Failed(problem);
        }
        return PartsRead.Read(arguments);
    }

    public static void WriteRequest(XmlWriter writer, OperationDescription operation, IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(operation);
        writer.WriteStartElement(operation.RequestElement, operation.Namespace);
        foreach (var part in operation.Parameters)
            part.Serializer.Write(writer, arguments[part.Position]);
        writer.WriteEndElement();
    }

    public static void WriteReply(XmlWriter writer, OperationDescription operation, object? result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(operation);
        writer.WriteStartElement(operation.ResponseElement, operation.Namespace);
        operation.Result?.Serializer.Write(writer, result);
        writer.WriteEndElement();
    }

    /// <summary>The body of <see cref="WriteRequest"/> as an element, for envelopes built from elements.</summary>
    public static XElement Request(OperationDescription operation, IReadOnlyList<object?> arguments) =>
        Element(writer => WriteRequest(writer, operation, arguments));

    public static XElement Reply(OperationDescription operation, object? result) =>
        Element(writer => WriteReply(writer, operation, result));

    public static XElement FaultDetail(FaultDescription fault, object detail) =>
        Element(writer => fault.Serializer.Write(writer, detail));

    private static bool TryRead(MessagePart part, XElement element, out object? value, out string problem)
    {
        try
        {
            value = part.Serializer.Read(element);
            problem = "";
            if (value is null && part.Required)
            {
                problem = $"parameter '{part.Name}' is nil, and {part.Type.Name} cannot be null";
                return false;
            }
            return true;
        }
        catch (Exception e) when (e is SerializationException or XmlException or FormatException or OverflowException or InvalidOperationException)
        {
            value = null;
            problem = Shorten($"parameter '{part.Name}' is not a valid {part.Type.Name}: {Innermost(e).Message}");
            return false;
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private static string Shorten(string text) => text.Length <= MaxProblemLength ? text : text[..MaxProblemLength] + "…";

    /// <summary>
    /// Written as text and loaded: the writer an XDocument offers cannot take base64 content, which the serializers
    /// write for every byte array.
    /// </summary>
    private static XElement Element(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, Settings))
            write(writer);
        buffer.Position = 0;
        return XElement.Load(buffer);
    }

    private static readonly XmlWriterSettings Settings = new() { OmitXmlDeclaration = true, CloseOutput = false };
}
