using System.CodeDom;
using System.Reflection;
using System.Runtime.Serialization;
using System.Xml.Linq;
using System.Xml.Schema;
using DuplexBus.Samples.ServiceContracts.Orders;
using DuplexBus.Samples.ServiceContracts.Work;

namespace DuplexBus.Tests.Wsdl;

/// <summary>
/// The served schemas read back with <see cref="XsdDataContractImporter"/>, as svcutil would: each data contract
/// comes back with its name and its members.
/// </summary>
public sealed class WsdlDataTypeTests
{
    public static TheoryData<Type> DataContracts =>
        [typeof(Order), typeof(Customer), typeof(Address), typeof(OrderLine), typeof(OrderSummary), typeof(OrderNotFound), typeof(WorkStatus)];

    private static readonly Lazy<CodeTypeDeclaration[]> Imported = new(() =>
    {
        var set = new XmlSchemaSet();
        foreach (var contract in new[] { typeof(IOrderService), typeof(IWorkService) })
        {
            var document = WsdlSamples.For(contract);
            for (var i = 0; i < document.SchemaCount; i++)
            {
                using var reader = XDocument.Parse(document.Schema(WsdlSamples.Address, i)!.ToString()).CreateReader();
                var schema = XmlSchema.Read(reader, null)!;
                // Both contracts export the serialization namespaces; one copy of each is enough.
                if (!set.Contains(schema.TargetNamespace))
                    set.Add(schema);
            }
        }
        var importer = new XsdDataContractImporter();
        importer.Import(set);
        return [.. importer.CodeCompileUnit.Namespaces.Cast<CodeNamespace>().SelectMany(n => n.Types.Cast<CodeTypeDeclaration>())];
    });

    [Theory, MemberData(nameof(DataContracts))]
    public void A_data_contract_comes_back_with_its_members(Type type)
    {
        var imported = Assert.Single(Imported.Value, t => t.Name == type.Name);
        var expected = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<DataMemberAttribute>() is not null)
            .Select(p => p.Name)
            .Order();
        // The importer adds ExtensionData (IExtensibleDataObject) to every class it writes; it is not on the wire.
        var members = imported.Members.OfType<CodeMemberProperty>().Select(p => p.Name).Where(n => n != "ExtensionData").Order();
        Assert.Equal(expected, members);
    }

    [Fact]
    public void Enums_come_back_with_their_values()
    {
        var priority = Assert.Single(Imported.Value, t => t.Name == nameof(OrderPriority));
        Assert.True(priority.IsEnum);
        Assert.Equal(Enum.GetNames<OrderPriority>(), priority.Members.Cast<CodeTypeMember>().Select(m => m.Name));
    }
}
