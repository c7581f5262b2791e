using System.Runtime.Serialization;
using System.ServiceModel;
using System.Xml.Linq;
using System.Xml.Serialization;
using DuplexBus.Protocol.Contracts;
using DuplexBus.Protocol.Wsdl;

namespace DuplexBus.Tests.Wsdl;

/// <summary>
/// A <c>[ServiceKnownType]</c> is a type a part may carry although no signature names it: the schema describes it,
/// or a client generated from the WSDL could never send or read it.
/// </summary>
public sealed class WsdlKnownTypeTests
{
    private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";

    [Theory]
    [InlineData(typeof(IDrawing), "urn:drawing:shapes")]
    [InlineData(typeof(IXmlDrawing), "urn:drawing:xml")]
    public void A_known_type_is_described_in_the_served_schemas(Type contract, string typeNamespace)
    {
        var document = WsdlGenerator.Generate(ContractReader.Read(contract), new WsdlEndpoint());
        var schemas = Enumerable.Range(0, document.SchemaCount).Select(i => document.Schema(WsdlSamples.Address, i)!.Root!).ToArray();

        var types = schemas
            .Where(s => (string?)s.Attribute("targetNamespace") == typeNamespace)
            .SelectMany(s => s.Elements(Xs + "complexType"))
            .Select(t => (string?)t.Attribute("name"))
            .ToArray();
        Assert.Contains("Shape", types);
        Assert.Contains("Square", types);
    }

    [ServiceContract(Namespace = "urn:drawing")]
    [ServiceKnownType(typeof(Square))]
    public interface IDrawing
    {
        [OperationContract(IsOneWay = true)]
        void Draw(Shape shape);
    }

    [ServiceContract(Namespace = "urn:drawing:xml"), XmlSerializerFormat]
    [ServiceKnownType(typeof(XmlSquare))]
    public interface IXmlDrawing
    {
        [OperationContract(IsOneWay = true)]
        void Draw(XmlShape shape);
    }

    [DataContract(Name = "Shape", Namespace = "urn:drawing:shapes")]
    public class Shape;

    [DataContract(Name = "Square", Namespace = "urn:drawing:shapes")]
    public sealed class Square : Shape
    {
        [DataMember] public double Side { get; set; }
    }

    [XmlType("Shape", Namespace = "urn:drawing:xml")]
    public class XmlShape;

    [XmlType("Square", Namespace = "urn:drawing:xml")]
    public sealed class XmlSquare : XmlShape
    {
        public double Side { get; set; }
    }
}
