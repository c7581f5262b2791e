using System.Runtime.Serialization;
using System.ServiceModel;
using System.Xml.Linq;
using System.Xml.Serialization;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Tests.Protocol.Contracts;

/// <summary>Any type a WCF service could take is read back exactly as it was written, by the contract's serializer.</summary>
public sealed class WrappedBodyTests
{
    private static readonly ContractDescription Contract = ContractReader.Read(typeof(IKinds));

    private static OperationDescription Operation(string name) => Contract.Operations.Single(o => o.Name == name);

    private static object?[] RoundTrip(string operation, params object?[] arguments)
    {
        var body = WrappedBody.Request(Operation(operation), arguments);
        var read = WrappedBody.ReadRequest(Operation(operation), XElement.Parse(body.ToString()));
        Assert.Null(read.Problem);
        return read.Arguments!;
    }

    [Fact]
    public void Simple_types_enums_nullables_and_times_round_trip()
    {
        var when = new DateTime(2026, 12, 1, 10, 30, 0, DateTimeKind.Utc);
        var offset = new DateTimeOffset(2026, 12, 1, 10, 30, 0, TimeSpan.FromHours(-5));

        var back = RoundTrip("Simple", 12.3456789m, Colour.Blue, null, 7, when, offset, TimeSpan.FromMinutes(90), new Uri("http://example.com/x"), new byte[] { 1, 2, 3 });

        Assert.Equal([12.3456789m, Colour.Blue, null, 7, when, offset, TimeSpan.FromMinutes(90), new Uri("http://example.com/x"), new byte[] { 1, 2, 3 }], back);
        Assert.Equal(offset.Offset, ((DateTimeOffset)back[5]!).Offset);
    }

    [Fact]
    public void Nested_data_contracts_collections_and_dictionaries_round_trip()
    {
        var basket = new Basket { Owner = new Person { Name = "Ada", Born = new DateOnly(1815, 12, 10) }, Items = ["a", "b"], Counts = new() { ["a"] = 1, ["b"] = 2 } };

        var back = (Basket)RoundTrip("Nested", basket, new[] { 1, 2, 3 })[0]!;

        Assert.Equal(("Ada", new DateOnly(1815, 12, 10)), (back.Owner!.Name, back.Owner.Born));
        Assert.Equal(["a", "b"], back.Items);
        Assert.Equal(2, back.Counts["b"]);
    }

    [Fact]
    public void A_derived_type_the_contract_knows_is_read_as_itself()
    {
        var back = RoundTrip("Known", new Circle { Radius = 2.5 })[0];

        Assert.Equal(2.5, Assert.IsType<Circle>(back).Radius);
    }

    [Fact]
    public void A_derived_type_the_contract_does_not_know_is_refused_by_name()
    {
        var body = XElement.Parse(
            "<Known xmlns=\"http://tempuri.org/\"><shape xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:type=\"d:Square\" xmlns:d=\"urn:shapes\"><Side xmlns=\"urn:shapes\">1</Side></shape></Known>");

        var read = WrappedBody.ReadRequest(Operation("Known"), body);

        Assert.Null(read.Arguments);
        Assert.Contains("'shape' is not a valid Shape", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void XmlSerializer_operations_write_attributes_and_arrays_as_XmlSerializer_does()
    {
        var operation = ContractReader.Read(typeof(IXmlKinds)).Operations.Single();
        var label = new Label { Id = 7, Text = "seven", Tags = ["x", "y"] };

        var body = WrappedBody.Request(operation, [label]);
        var back = (Label)WrappedBody.ReadRequest(operation, XElement.Parse(body.ToString())).Arguments![0]!;

        XNamespace ns = "urn:xml";
        Assert.Equal("7", (string?)body.Element(ns + "label")!.Attribute("id"));
        Assert.Equal((7, "seven"), (back.Id, back.Text));
        Assert.Equal(["x", "y"], back.Tags);
    }

    [ServiceContract]
    [ServiceKnownType(typeof(Circle))]
    public interface IKinds
    {
        [OperationContract(IsOneWay = true)]
        void Simple(decimal amount, Colour colour, int? missing, int? present, DateTime moment, DateTimeOffset offset, TimeSpan length, Uri link, byte[] bytes);

        [OperationContract(IsOneWay = true)]
        void Nested(Basket basket, int[] numbers);

        [OperationContract(IsOneWay = true)]
        void Known(Shape shape);
    }

    [ServiceContract(Namespace = "urn:xml"), XmlSerializerFormat]
    public interface IXmlKinds
    {
        [OperationContract(IsOneWay = true)]
        void Put(Label label);
    }

    [DataContract(Namespace = "urn:kinds")]
    public enum Colour
    {
        [EnumMember] Red,
        [EnumMember] Blue,
    }

    [DataContract(Namespace = "urn:kinds")]
    public sealed class Basket
    {
        [DataMember] public Person? Owner { get; set; }

        [DataMember] public List<string> Items { get; set; } = [];

        [DataMember] public Dictionary<string, int> Counts { get; set; } = [];
    }

    [DataContract(Namespace = "urn:kinds")]
    public sealed class Person
    {
        [DataMember] public string Name { get; set; } = "";

        [DataMember] public DateOnly Born { get; set; }
    }

    [DataContract(Namespace = "urn:shapes")]
    public class Shape;

    [DataContract(Namespace = "urn:shapes")]
    public sealed class Circle : Shape
    {
        [DataMember] public double Radius { get; set; }
    }

    [DataContract(Namespace = "urn:shapes")]
    public sealed class Square : Shape
    {
        [DataMember] public double Side { get; set; }
    }

    public sealed class Label
    {
        [XmlAttribute("id")] public int Id { get; set; }

        public string Text { get; set; } = "";

        [XmlArrayItem("tag")] public string[] Tags { get; set; } = [];
    }
}
