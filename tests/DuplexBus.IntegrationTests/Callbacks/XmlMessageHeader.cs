using System.ServiceModel.Channels;
using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.IntegrationTests.Callbacks;

/// <summary>A WCF message header written exactly as the given element (its name, namespace and children).</summary>
public sealed class XmlMessageHeader(XElement element) : MessageHeader
{
    public override string Name => element.Name.LocalName;

    public override string Namespace => element.Name.NamespaceName;

    protected override void OnWriteHeaderContents(XmlDictionaryWriter writer, MessageVersion messageVersion)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var child in element.Elements())
            child.WriteTo(writer);
    }
}
