using System.Runtime.Serialization;
using System.ServiceModel;
using DuplexBus.Protocol.Contracts;
using DuplexBus.Samples.ServiceContracts.Orders;
using DuplexBus.Samples.ServiceContracts.Work;

namespace DuplexBus.Tests.Protocol.Contracts;

public sealed class ContractReaderTests
{
    [Fact]
    public void WorkService_reads_as_SAMPLE_CONTRACT_names_it()
    {
        var contract = ContractReader.Read(typeof(IWorkService));

        Assert.Equal(("WorkService", "urn:duplexbus:samples"), (contract.Name, contract.Namespace));
        Assert.Equal(
            [
                "StartWork urn:duplexbus:samples/WorkService/StartWork one-way (instanceId steps)",
                "AddItem urn:duplexbus:samples/WorkService/AddItem one-way (instanceId index value)",
                "GetStatus urn:duplexbus:samples/WorkService/GetStatus -> urn:duplexbus:samples/WorkService/GetStatusResponse GetStatusResult (instanceId)",
            ],
            contract.Operations.Select(Describe));
    }

    [Fact]
    public void A_fault_contract_takes_WCFs_default_action_and_the_detail_types_data_contract_name()
    {
        var getOrder = ContractReader.Read(typeof(IOrderService)).Operations.Single(o => o.Name == "GetOrder");

        var fault = Assert.Single(getOrder.Faults);
        Assert.Equal(typeof(OrderNotFound), fault.DetailType);
        Assert.Equal("urn:duplexbus:samples:orders/OrderService/GetOrderOrderNotFoundFault", fault.Action);
        Assert.Equal(("OrderNotFound", "urn:duplexbus:samples:orders"), (fault.Name, fault.Namespace));
    }

    [Fact]
    public void Silent_attributes_take_WCFs_defaults()
    {
        var contract = ContractReader.Read(typeof(IDefaults));

        Assert.Equal(("IDefaults", "http://tempuri.org/"), (contract.Name, contract.Namespace));
        Assert.Equal(
            [
                "Ping http://tempuri.org/IDefaults/Ping -> http://tempuri.org/IDefaults/PingResponse PingResult (text)",
                "Lookup http://tempuri.org/IDefaults/Lookup -> http://tempuri.org/IDefaults/LookupResponse LookupResult (key)",
                "Renamed urn:custom/in -> urn:custom/out answer (item)",
            ],
            contract.Operations.Select(Describe));
    }

    [Fact]
    public void XmlSerializerFormat_on_the_contract_applies_to_every_operation()
    {
        var contract = ContractReader.Read(typeof(IXmlFormatted));

        Assert.All(contract.Operations, o => Assert.Equal(ContractFormat.XmlSerializer, o.Format));
    }

    public static TheoryData<Type, string> Refused => new()
    {
        { typeof(NotAnInterface), "must be an interface" },
        { typeof(IWithoutContract), "no [ServiceContract]" },
        { typeof(IOutParameter), "out or ref" },
        { typeof(IOneWayWithResult), "one-way and returns a value" },
        { typeof(ICatchAll), "every action" },
        { typeof(ISameAction), "share the action" },
        { typeof(IRpc), "Rpc" },
        { typeof(IOneWayFault), "one-way and declares a [FaultContract]" },
    };

    [Theory, MemberData(nameof(Refused))]
    public void What_cannot_be_served_faithfully_is_refused_at_start_up(Type contract, string why)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ContractReader.Read(contract));
        Assert.Contains(why, refused.Message, StringComparison.Ordinal);
    }

    private static string Describe(OperationDescription o) =>
        $"{o.Name} {o.Action}{(o.IsOneWay ? " one-way" : $" -> {o.ReplyAction} {o.Result?.Name}")} ({string.Join(' ', o.Parameters.Select(p => p.Name))})";

    [ServiceContract]
    public interface IDefaults
    {
        [OperationContract]
        string Ping(string text);

        [OperationContract]
        Task<int> LookupAsync(string key);

        [OperationContract(Name = "Renamed", Action = "urn:custom/in", ReplyAction = "urn:custom/out")]
        [return: MessageParameter(Name = "answer")]
        int Other([MessageParameter(Name = "item")] string value);
    }

    [ServiceContract, XmlSerializerFormat]
    public interface IXmlFormatted
    {
        [OperationContract]
        string Echo(string text);
    }

    [ServiceContract]
    public sealed class NotAnInterface;

    public interface IWithoutContract
    {
        [OperationContract]
        void Invoke();
    }

    [ServiceContract]
    public interface IOutParameter
    {
        [OperationContract]
        void Invoke(out int value);
    }

    [ServiceContract]
    public interface IOneWayWithResult
    {
        [OperationContract(IsOneWay = true)]
        int Invoke();
    }

    [ServiceContract]
    public interface ICatchAll
    {
        [OperationContract(Action = "*")]
        void Invoke();
    }

    [ServiceContract]
    public interface ISameAction
    {
        [OperationContract(Action = "urn:a")]
        void One();

        [OperationContract(Action = "urn:a")]
        void Two();
    }

    [ServiceContract, XmlSerializerFormat(Style = OperationFormatStyle.Rpc)]
    public interface IRpc
    {
        [OperationContract]
        void Invoke();
    }

    [ServiceContract]
    public interface IOneWayFault
    {
        [OperationContract(IsOneWay = true)]
        [FaultContract(typeof(Problem))]
        void Invoke();
    }

    [DataContract]
    public sealed class Problem;
}
