using System.Xml.Serialization;

namespace DuplexBus.Tests.Wsdl;

/// <summary>An XmlSerializer type: an attribute, an element and an array with renamed items.</summary>
[XmlType(Namespace = "urn:duplexbus:tests:catalog")]
public sealed class CatalogItem
{
    [XmlAttribute] public string Sku { get; set; } = "";
    public string Title { get; set; } = "";
    [XmlArrayItem("Tag")] public List<string> Tags { get; set; } = [];
}
