using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.Context;

/// <summary>
/// The .NET 4 durable duplex header: where the client wants its callback, as a WS-Addressing 1.0 endpoint
/// reference whose reference parameters (usually a Context) route the callback to the client's instance.
/// WCF only writes it with WS-Addressing 1.0, so no other version is looked for.
/// </summary>
public static class CallbackContextHeader
{
    public static bool TryRead(XElement header, out EndpointAddress? callback, out SoapFault? fault)
    {
        ArgumentNullException.ThrowIfNull(header);
        callback = null;
        if (header.Name != ContextNames.CallbackContextHeader)
            return Invalid($"the element is '{header.Name.LocalName}' from namespace '{header.Name.NamespaceName}'", out fault);

        var reference = header.Element(ContextNames.CallbackEndpointReference);
        if (reference is null)
            return Invalid("it has no CallbackEndpointReference", out fault);

        var addressing = AddressingVersion.V10;
        var endpoint = EndpointAddress.Parse(reference, addressing);
        if (endpoint.Address.Length == 0)
            return Invalid($"its CallbackEndpointReference has no {addressing.Name} Address", out fault);
        if (!Uri.TryCreate(endpoint.Address, UriKind.Absolute, out _))
            return Invalid($"its callback address '{endpoint.Address}' is not an absolute URI", out fault);

        // A callback is a new request to the client: the anonymous back-channel and "none" cannot receive one.
        if (endpoint.Address == addressing.AnonymousUri || endpoint.Address == addressing.NoneUri)
            return Invalid($"its callback address '{endpoint.Address}' cannot receive a callback", out fault);

        var contexts = 0;
        foreach (var parameter in endpoint.ReferenceParameters)
        {
            if (parameter.Name != ContextNames.ContextHeader)
                continue;
            if (++contexts > 1)
                return Invalid("its reference parameters hold more than one Context", out fault);
            if (!ContextHeader.TryRead(parameter, out _, out fault))
                return false;
        }

        callback = endpoint;
        fault = null;
        return true;
    }

    private static bool Invalid(string reason, out SoapFault? fault)
    {
        var ns = AddressingVersion.V10.Namespace;
        fault = new SoapFault(
            FaultCode.Sender,
            [ns + "InvalidAddressingHeader", ns + "InvalidEPR"],
            $"The CallbackContext header is not valid: {reason}.");
        return false;
    }
}
