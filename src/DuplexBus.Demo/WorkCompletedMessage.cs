using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.Demo;

/// <summary>
/// A WorkCompleted callback as it arrived: the body's instanceId and itemCount, the WS-Addressing MessageID (the
/// same on every retry of one callback) and the instanceId of the context-exchange Context header it carries.
/// </summary>
public sealed record WorkCompletedMessage(Guid InstanceId, int ItemCount, string? MessageId, string? ContextInstanceId)
{
    public const string Action = "urn:duplexbus:samples/WorkCallback/WorkCompleted";

    private static readonly XNamespace Samples = "urn:duplexbus:samples";
    private static readonly XNamespace Context = CallbackContextHeader.ContextNamespace;
    private static readonly string[] EnvelopeNamespaces = ["http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/"];
    private static readonly string[] AddressingNamespaces = [CallbackContextHeader.AddressingNamespace, "http://schemas.xmlsoap.org/ws/2004/08/addressing"];

    private static readonly XmlReaderSettings Safe = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1024 * 1024,
        Async = true,
    };

    /// <summary>The message, or null with <paramref name="error"/> saying why the envelope is not a WorkCompleted.</summary>
    public static async Task<(WorkCompletedMessage? Message, string? Error)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(body, Safe);
            document = await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException e)
        {
            return (null, "not well-formed XML: " + e.Message);
        }

        return Read(document.Root);
    }

    public static (WorkCompletedMessage? Message, string? Error) Read(XElement? envelope)
    {
        if (envelope is null || envelope.Name.LocalName != "Envelope" || !EnvelopeNamespaces.Contains(envelope.Name.NamespaceName))
            return (null, "not a SOAP envelope");

        XNamespace env = envelope.Name.Namespace;
        var header = envelope.Element(env + "Header");
        var call = envelope.Element(env + "Body")?.Element(Samples + "WorkCompleted");
        if (call is null)
            return (null, "the body is not a WorkCompleted element");
        if (!Guid.TryParse((string?)call.Element(Samples + "instanceId"), out var instanceId)
            || !int.TryParse((string?)call.Element(Samples + "itemCount"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var itemCount))
            return (null, "WorkCompleted has no valid instanceId and itemCount");

        var messageId = header?.Elements()
            .FirstOrDefault(h => h.Name.LocalName == "MessageID" && AddressingNamespaces.Contains(h.Name.NamespaceName))?.Value;
        var contextInstanceId = header?.Elements(Context + "Context").Elements(Context + "Property")
            .FirstOrDefault(p => (string?)p.Attribute("name") == "instanceId")?.Value;
        return (new WorkCompletedMessage(instanceId, itemCount, messageId, contextInstanceId), null);
    }

    public override string ToString() =>
        $"WorkCompleted({InstanceId}, {ItemCount} items) MessageID {MessageId ?? "(none)"} Context instanceId={ContextInstanceId ?? "(none)"}";
}
