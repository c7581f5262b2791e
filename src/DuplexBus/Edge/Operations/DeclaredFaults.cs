using System.ServiceModel;
using DuplexBus.Protocol.Soap;
using FaultCode = DuplexBus.Protocol.Soap.FaultCode;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// A handler's <see cref="FaultException"/> as WCF's dispatcher sends it: with the detail and action of the
/// <c>[FaultContract]</c> that declares its detail type; an undeclared detail is not sent (the client could not read
/// it), only the code and the reason.
/// </summary>
internal static class DeclaredFaults
{
    public static SoapFault From(OperationDescription operation, FaultException raised)
    {
        var code = raised.Code is { IsReceiverFault: true } ? FaultCode.Receiver : FaultCode.Sender;
        var reason = raised.Reason.GetMatchingTranslation()?.Text ?? raised.Message;
        if (raised.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(FaultException<>)
            && operation.FaultFor(type.GetGenericArguments()[0]) is { } declared)
        {
            var detail = type.GetProperty(nameof(FaultException<object>.Detail))!.GetValue(raised);
            return new SoapFault(code, [], reason, detail is null ? null : WrappedBody.FaultDetail(declared, detail), declared.Action);
        }
        return new SoapFault(code, [], reason, null, raised.Action);
    }
}
