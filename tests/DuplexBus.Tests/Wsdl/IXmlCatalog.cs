using System.ServiceModel;

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
