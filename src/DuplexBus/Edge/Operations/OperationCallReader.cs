using System.Diagnostics;
using DuplexBus.Callbacks;
using DuplexBus.Protocol.Context;
using DuplexBus.Protocol.Soap;
using DuplexBus.Protocol.Tracing;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// Reads a request as a call: context, body (by the contract's serializer), the instance it addresses, the callback
/// address. Pure: a malformed context, a body that does not match, a callback address outside the allow-list each
/// come back as the fault the spec names.
/// </summary>
internal static class OperationCallReader
{
    public static CallRead Read(SoapOperation operation, SoapEnvelope envelope, string? cookieHeader, CallbackAddressPolicy callbacks, string instanceParameter)
    {
        var context = IncomingContext.Read(envelope, cookieHeader, out var malformed);
        if (malformed is not null)
            return CallRead.Failed(malformed);
        var description = operation.Description;
        var parts = WrappedBody.ReadRequest(description, envelope.Body);
        if (parts.Problem is { } problem)
            return CallRead.Failed(SoapFaults.DeserializationFailed(operation.Name, problem));
        var arguments = parts.Arguments!;

        Guid? instance = null;
        var instancePart = description.Parameter(instanceParameter) is { } part && (part.Type == typeof(Guid) || part.Type == typeof(Guid?)) ? part : null;
        if (context.Properties.TryGetValue(ContextNames.InstanceId, out var text))
        {
            if (!Guid.TryParse(text, out var routed))
                return CallRead.Failed(SoapFaults.DeserializationFailed(operation.Name, $"the context property '{ContextNames.InstanceId}' is not a Guid: '{Shorten(text)}'"));
            instance = routed;
            // The context routes the call, whatever the body says: the body's id is what the client first asked for.
            if (instancePart is not null)
                arguments[instancePart.Position] = routed;
        }
        else if (instancePart is not null)
        {
            instance = arguments[instancePart.Position] as Guid?;
        }

        var trace = InboundTrace.Read(envelope, ActivitySpanId.CreateRandom());
        CallbackEndpoint? callback = null;
        if (operation.TakesCallback && instance is { } id && CallbackTargets.Resolve(envelope, context.CallbackContext, id) is { } target)
        {
            var check = callbacks.CheckAddress(target.Address);
            if (!check.Allowed)
                return CallRead.Failed(SoapFaults.CallbackAddressRefused(envelope.Addressing, target.Address, check.Reason ?? "not allowed"));
            callback = new CallbackEndpoint(
                target.Address,
                CallbackVersions.NameOf(target.Soap),
                CallbackVersions.NameOf(target.Addressing),
                CallbackEnvelope.Text(target.ReferenceParameters),
                trace?.TraceParent,
                EchoActivityId: trace?.WcfActivityId is not null);
        }
        return new CallRead(new OperationCall(description, arguments, context, trace, instance, callback), null);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
