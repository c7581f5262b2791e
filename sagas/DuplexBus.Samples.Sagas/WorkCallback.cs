using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.Samples.Sagas;

/// <summary>The client's callback contract (SAMPLE-CONTRACT.md, IWorkCallback), in WCF's default wire form.</summary>
public static class WorkCallback
{
    public const string Namespace = "urn:duplexbus:samples";

    public const string WorkCompletedAction = Namespace + "/WorkCallback/WorkCompleted";

    private static readonly XNamespace Ns = Namespace;

    /// <summary>The body of <c>WorkCompleted(Guid instanceId, int itemCount)</c>.</summary>
    public static XElement WorkCompleted(Guid instanceId, int itemCount) =>
        new(
            Ns + "WorkCompleted",
            new XElement(Ns + "instanceId", XmlConvert.ToString(instanceId)),
            new XElement(Ns + "itemCount", XmlConvert.ToString(itemCount)));
}
