using System.Collections.Immutable;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.Context;

/// <summary>
/// The context a request brought: context exchange properties (a <c>Context</c> header, or the <c>WscContext</c>
/// cookie of basicHttpContextBinding) and a .NET 4 <c>CallbackContext</c>. <see cref="Present"/> tells a client
/// that already holds a context (it must not be given another) from one that does not.
/// </summary>
public sealed record IncomingContext(ImmutableDictionary<string, string> Properties, bool Present, EndpointAddress? CallbackContext)
{
    public static readonly IncomingContext None = new(ImmutableDictionary<string, string>.Empty, false, null);

    /// <summary>Reads both forms of the context and the CallbackContext; a malformed one is a fault, not ignored.</summary>
    /// <param name="cookieHeader">The HTTP Cookie header, or null where there is none (reliable sessions use the SOAP form).</param>
    public static IncomingContext Read(SoapEnvelope envelope, string? cookieHeader, out SoapFault? fault)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var properties = ImmutableDictionary<string, string>.Empty;
        var present = false;
        if (envelope.Header(ContextNames.ContextHeader) is { } header)
        {
            if (!ContextHeader.TryRead(header, out properties, out fault))
                return None;
            present = true;
        }
        else if (ContextCookie.TryRead(cookieHeader, out properties, out fault))
        {
            present = true;
        }
        else if (fault is not null)
        {
            return None;
        }

        EndpointAddress? callback = null;
        if (envelope.Header(ContextNames.CallbackContextHeader) is { } callbackHeader
            && !CallbackContextHeader.TryRead(callbackHeader, out callback, out fault))
        {
            return None;
        }
        fault = null;
        return new IncomingContext(properties, present, callback);
    }
}
