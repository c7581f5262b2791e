using System.ServiceModel.Channels;
using System.Xml;

namespace DuplexBus.Demo;

/// <summary>
/// The .NET 4 durable duplex <c>CallbackContext</c> header: the address the service calls back, and a reference
/// parameter (a context-exchange <c>Context</c> with the instanceId) that the callback carries back as a header.
/// </summary>
public sealed class CallbackContextHeader(Uri callbackAddress, Guid instanceId) : MessageHeader
{
    public const string HeaderNamespace = "http://schemas.microsoft.com/ws/2008/02/context";
    public const string ContextNamespace = "http://schemas.microsoft.com/ws/2006/05/context";
    public const string AddressingNamespace = "http://www.w3.org/2005/08/addressing";

    public override string Name => "CallbackContext";

    public override string Namespace => HeaderNamespace;

    protected override void OnWriteHeaderContents(XmlDictionaryWriter writer, MessageVersion messageVersion)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartElement("CallbackEndpointReference", HeaderNamespace);
        writer.WriteElementString("a", "Address", AddressingNamespace, callbackAddress.AbsoluteUri);
        writer.WriteStartElement("a", "ReferenceParameters", AddressingNamespace);
        writer.WriteStartElement("Context", ContextNamespace);
        writer.WriteStartElement("Property", ContextNamespace);
        writer.WriteAttributeString("name", "instanceId");
        writer.WriteString(instanceId.ToString("D"));
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
