using System.ServiceModel;
using System.Xml.Serialization;

namespace DuplexBus.Tests.Wsdl;

/// <summary>An <c>[XmlSerializerFormat]</c> contract: its types come from XmlSchemaExporter, not the data contract exporter.</summary>
[ServiceContract(Namespace = "urn:duplexbus:tests:catalog", Name = "Catalog"), XmlSerializerFormat]
public interface IXmlCatalog
{
    [OperationContract(IsOneWay = true)]
    void Put(CatalogItem item, int count);

    [OperationContract]
    CatalogItem? Find(string sku);
}

[XmlType(Namespace = "urn:duplexbus:tests:catalog")]
public sealed class CatalogItem
{
    [XmlAttribute] public string Sku { get; set; } = "";
    public string Title { get; set; } = "";
    [XmlArrayItem("Tag")] public List<string> Tags { get; set; } = [];
}
