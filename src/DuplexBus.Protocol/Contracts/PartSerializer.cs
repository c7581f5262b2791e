using System.Runtime.Serialization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Serialization;

namespace DuplexBus.Protocol.Contracts;

/// <summary>
/// Reads and writes one part (a parameter, a result or a fault detail) as the element WCF would write it. Built once per
/// part: an <see cref="XmlSerializer"/> made with a root override is cached for the life of the process.
/// </summary>
internal abstract class PartSerializer
{
    /// <summary>WCF's own bound on one message's object graph.</summary>
    internal const int MaxItemsInObjectGraph = 65536;

    public abstract object? Read(XElement element);

    public abstract void Write(XmlWriter writer, object? value);

    public static PartSerializer Create(ContractFormat format, Type type, string name, string ns, IReadOnlyList<Type> knownTypes) =>
        format == ContractFormat.XmlSerializer ? new XmlSerializerPart(type, name, ns, knownTypes) : new DataContractPart(type, name, ns, knownTypes);

    private sealed class DataContractPart : PartSerializer
    {
        private readonly DataContractSerializer _serializer;

        public DataContractPart(Type type, string name, string ns, IReadOnlyList<Type> knownTypes)
        {
            var dictionary = new XmlDictionary();
            _serializer = new DataContractSerializer(type, new DataContractSerializerSettings
            {
                RootName = dictionary.Add(name),
                RootNamespace = dictionary.Add(ns),
                KnownTypes = knownTypes,
                MaxItemsInObjectGraph = MaxItemsInObjectGraph,
            });
        }

        public override object? Read(XElement element)
        {
            using var reader = element.CreateReader();
            return _serializer.ReadObject(reader, verifyObjectName: true);
        }

        public override void Write(XmlWriter writer, object? value) => _serializer.WriteObject(writer, value);
    }

    private sealed class XmlSerializerPart(Type type, string name, string ns, IReadOnlyList<Type> knownTypes) : PartSerializer
    {
        private readonly XmlSerializer _serializer = new(
            type,
            overrides: null,
            [.. knownTypes],
            new XmlRootAttribute(name) { Namespace = ns, IsNullable = !type.IsValueType || Nullable.GetUnderlyingType(type) is not null },
            ns);

        public override object? Read(XElement element)
        {
            using var reader = element.CreateReader();
            return _serializer.Deserialize(reader);
        }

        public override void Write(XmlWriter writer, object? value)
        {
            // Without namespaces of its own the serializer adds xsi/xsd declarations to every part.
            var namespaces = new XmlSerializerNamespaces();
            namespaces.Add("", ns);
            _serializer.Serialize(writer, value, namespaces);
        }
    }
}
