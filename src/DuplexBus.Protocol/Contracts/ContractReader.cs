using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Serialization;
using System.ServiceModel;
using System.Xml;

namespace DuplexBus.Protocol.Contracts;

/// <summary>
/// Reads a <c>[ServiceContract]</c> interface the way WCF's service model does: names, namespaces and actions from the
/// attributes, WCF's defaults where they are silent. What DuplexBus cannot serve faithfully (out and ref parameters,
/// message contracts, the RPC style, the asynchronous Begin/End pattern, a catch-all action) is refused here, once, at
/// start-up, rather than answered differently from WCF at run time.
/// </summary>
internal static class ContractReader
{
    /// <summary>WCF's namespace for a contract that names none.</summary>
    public const string DefaultNamespace = "http://tempuri.org/";

    public static ContractDescription Read(Type contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (!contract.IsInterface)
            throw Refused(contract, "a service contract must be an interface");
        var attribute = contract.GetCustomAttribute<ServiceContractAttribute>(inherit: false)
            ?? throw Refused(contract, "the interface has no [ServiceContract] attribute");
        var name = XmlConvert.EncodeLocalName(attribute.Name ?? TypeName(contract));
        var ns = attribute.Namespace ?? DefaultNamespace;
        var contractFormat = FormatOf(contract, ContractFormat.DataContract);
        var contractKnownTypes = KnownTypes(contract);

        var operations = ImmutableArray.CreateBuilder<OperationDescription>();
        foreach (var method in new[] { contract }.Concat(contract.GetInterfaces()).SelectMany(i => i.GetMethods()))
        {
            if (method.GetCustomAttribute<OperationContractAttribute>() is { } operation)
                operations.Add(Operation(contract, name, ns, method, operation, contractFormat, contractKnownTypes));
        }
        if (operations.Count == 0)
            throw Refused(contract, "the contract has no [OperationContract] method");
        var duplicate = operations.GroupBy(o => o.Action, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw Refused(contract, $"operations {string.Join(" and ", duplicate.Select(o => o.Method.Name))} share the action '{duplicate.Key}'");
        return new ContractDescription(contract, name, ns, operations.ToImmutable(), attribute.CallbackContract);
    }

    private static OperationDescription Operation(
        Type contract, string contractName, string ns, MethodInfo method, OperationContractAttribute attribute, ContractFormat contractFormat, IReadOnlyList<Type> contractKnownTypes)
    {
        if (attribute.AsyncPattern)
            throw Refused(contract, $"{method.Name} uses the Begin/End pattern; declare it as a synchronous or Task-returning method");
        if (method.IsGenericMethod)
            throw Refused(contract, $"{method.Name} is generic");
        var resultType = ResultType(method, out var isTask);
        var name = XmlConvert.EncodeLocalName(attribute.Name ?? (isTask && method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.Length > 5 ? method.Name[..^5] : method.Name));
        var action = attribute.Action ?? DefaultAction(ns, contractName, name);
        if (action == "*")
            throw Refused(contract, $"{method.Name} takes every action (Action = \"*\"), which has no one wire shape");
        if (attribute.IsOneWay && resultType != typeof(void))
            throw Refused(contract, $"{method.Name} is one-way and returns a value");
        var format = FormatOf(method, contractFormat);
        var knownTypes = contractKnownTypes.Concat(KnownTypes(method)).Distinct().ToArray();

        var parameters = ImmutableArray.CreateBuilder<MessagePart>();
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType.IsByRef || parameter.IsOut)
                throw Refused(contract, $"{method.Name}: parameter '{parameter.Name}' is out or ref; only in parameters are served");
            if (IsMessageContract(parameter.ParameterType))
                throw Refused(contract, $"{method.Name}: parameter '{parameter.Name}' is a [MessageContract], which is not served");
            var partName = XmlConvert.EncodeLocalName(parameter.GetCustomAttribute<MessageParameterAttribute>()?.Name ?? parameter.Name!);
            parameters.Add(new MessagePart(
                partName, ns, parameter.Name!, parameter.ParameterType, parameter.Position, IsRequired(parameter.ParameterType),
                PartSerializer.Create(format, parameter.ParameterType, partName, ns, knownTypes)));
        }

        MessagePart? result = null;
        if (!attribute.IsOneWay && resultType != typeof(void))
        {
            if (IsMessageContract(resultType))
                throw Refused(contract, $"{method.Name} returns a [MessageContract], which is not served");
            var resultName = XmlConvert.EncodeLocalName(method.ReturnParameter.GetCustomAttribute<MessageParameterAttribute>()?.Name ?? name + "Result");
            result = new MessagePart(resultName, ns, resultName, resultType, 0, IsRequired(resultType), PartSerializer.Create(format, resultType, resultName, ns, knownTypes));
        }

        var faults = method.GetCustomAttributes<FaultContractAttribute>()
            .Select(f => Fault(contractName, ns, name, f, knownTypes))
            .ToImmutableArray();
        if (attribute.IsOneWay && faults.Length > 0)
            throw Refused(contract, $"{method.Name} is one-way and declares a [FaultContract]; a one-way call has no reply to carry it");

        return new OperationDescription(
            name,
            method,
            action,
            attribute.IsOneWay ? null : attribute.ReplyAction ?? DefaultAction(ns, contractName, name + "Response"),
            attribute.IsOneWay,
            ns,
            parameters.ToImmutable(),
            result,
            faults,
            format,
            [.. knownTypes]);
    }

    private static FaultDescription Fault(string contractName, string ns, string operation, FaultContractAttribute attribute, IReadOnlyList<Type> knownTypes)
    {
        var type = attribute.DetailType;
        var root = new XsdDataContractExporter().GetRootElementName(type);
        var name = attribute.Name ?? root?.Name ?? TypeName(type);
        var faultNs = attribute.Namespace ?? root?.Namespace ?? ns;
        // WCF's default fault action ends with the fault's name: [FaultContract(Name)] when given, else {Type}Fault.
        var action = attribute.Action ?? DefaultAction(ns, contractName, operation + (attribute.Name ?? TypeName(type) + "Fault"));
        return new FaultDescription(type, action, name, faultNs, PartSerializer.Create(ContractFormat.DataContract, type, name, faultNs, knownTypes));
    }

    /// <summary>WCF's default action: <c>{namespace}/{contract}/{operation}</c>, with <c>urn:</c> for an empty namespace.</summary>
    public static string DefaultAction(string ns, string contract, string operation) =>
        (ns.Length == 0 ? "urn:" : ns.EndsWith('/') ? ns : ns + "/") + contract + "/" + operation;

    private static Type ResultType(MethodInfo method, out bool isTask)
    {
        var type = method.ReturnType;
        isTask = type == typeof(Task) || type == typeof(ValueTask) || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)));
        if (!isTask)
            return type;
        return type.IsGenericType ? type.GetGenericArguments()[0] : typeof(void);
    }

    private static ContractFormat FormatOf(MemberInfo member, ContractFormat inherited)
    {
        if (member.GetCustomAttribute<XmlSerializerFormatAttribute>() is { } xml)
        {
            if (xml.Style == OperationFormatStyle.Rpc)
                throw Refused(member, "[XmlSerializerFormat(Style = Rpc)] is not served; use the document style");
            if (xml.Use == OperationFormatUse.Encoded)
                throw Refused(member, "[XmlSerializerFormat(Use = Encoded)] is not served; use literal");
            return ContractFormat.XmlSerializer;
        }
        if (member.GetCustomAttribute<DataContractFormatAttribute>() is { } data)
        {
            if (data.Style == OperationFormatStyle.Rpc)
                throw Refused(member, "[DataContractFormat(Style = Rpc)] is not served; use the document style");
            return ContractFormat.DataContract;
        }
        return inherited;
    }

    /// <summary>The types named by <c>[ServiceKnownType]</c>: directly, or returned by the named static method.</summary>
    private static Type[] KnownTypes(MemberInfo member)
    {
        var types = new List<Type>();
        foreach (var known in member.GetCustomAttributes<ServiceKnownTypeAttribute>())
        {
            if (known.Type is { } type)
            {
                types.Add(type);
                continue;
            }
            var holder = known.DeclaringType ?? (member as Type) ?? member.DeclaringType!;
            var method = holder.GetMethod(known.MethodName!, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(ICustomAttributeProvider)])
                ?? throw Refused(member, $"[ServiceKnownType(\"{known.MethodName}\")]: {holder.Name} has no static {known.MethodName}(ICustomAttributeProvider)");
            types.AddRange((IEnumerable<Type>)method.Invoke(null, [member])!);
        }
        return [.. types];
    }

    private static bool IsRequired(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null;

    private static bool IsMessageContract(Type type) => type.GetCustomAttribute<MessageContractAttribute>() is not null;

    /// <summary>WCF's name for a type: generic arguments spelled out (<c>ListOfOrder</c>), no arity suffix.</summary>
    private static string TypeName(Type type)
    {
        if (!type.IsGenericType)
            return type.Name;
        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return name + "Of" + string.Concat(type.GetGenericArguments().Select(TypeName));
    }

    private static InvalidOperationException Refused(MemberInfo member, string why) =>
        new($"{(member as Type ?? member.DeclaringType)?.FullName}: {why}.");
}
