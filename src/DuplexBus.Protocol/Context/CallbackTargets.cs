using System.Collections.Immutable;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.Context;

/// <summary>Picks the callback address of a request: its CallbackContext first, then a ReplyTo that names a real endpoint.</summary>
public static class CallbackTargets
{
    /// <param name="envelope">The request.</param>
    /// <param name="callbackContext">The request's CallbackContext endpoint reference, already read and validated.</param>
    /// <param name="instanceId">The instance the callback reports on, for a ReplyTo that carries no context of its own.</param>
    /// <returns>The target, or null when the request asked for no callback.</returns>
    public static CallbackTarget? Resolve(SoapEnvelope envelope, EndpointAddress? callbackContext, Guid instanceId)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (callbackContext is not null)
        {
            // The durable duplex EPR is WS-Addressing 1.0 whatever the request used; its Context routes the callback.
            return new CallbackTarget(
                callbackContext.Address,
                callbackContext.ReferenceParameters,
                envelope.Version,
                AddressingVersion.V10,
                CallbackSource.CallbackContext);
        }

        var addressing = envelope.Addressing;
        if (envelope.AddressingHeaders.ReplyTo is not { } replyTo || !IsEndpoint(replyTo.Address, addressing))
            return null;

        var parameters = replyTo.ReferenceParameters.IsDefault ? [] : replyTo.ReferenceParameters;
        if (!parameters.Any(p => p.Name == ContextNames.ContextHeader))
        {
            var context = ImmutableDictionary<string, string>.Empty.Add(ContextNames.InstanceId, instanceId.ToString("D"));
            parameters = parameters.Add(ContextHeader.Write(context));
        }
        return new CallbackTarget(replyTo.Address, parameters, envelope.Version, addressing, CallbackSource.ReplyTo);
    }

    // Anonymous means "on the HTTP response" and none means "no reply": neither is somewhere to call back later.
    private static bool IsEndpoint(string address, AddressingVersion addressing) =>
        address.Length != 0
        && !string.Equals(address, addressing.AnonymousUri, StringComparison.Ordinal)
        && !string.Equals(address, addressing.NoneUri, StringComparison.Ordinal);
}
