using System.Text;
using DuplexBus.Callbacks;
using DuplexBus.Edge.Operations;
using DuplexBus.Protocol.Soap;
using DuplexBus.Outbox;
using DuplexBus.Parking;
using Microsoft.Extensions.Options;

namespace DuplexBus.Edge;

/// <summary>Translates a parked envelope with the operation of the endpoint it was parked at, callback checks included.</summary>
internal sealed class ParkedEnvelopeTranslator(
    SoapEndpointRegistry endpoints, CallbackAddressGuard callbackGuard, MessageTypeMap types, IOptions<EdgeOptions> options) : IParkedEnvelopeTranslator
{
    public async Task<ParkedTranslation> TranslateAsync(string source, string action, string envelope, CancellationToken cancellationToken)
    {
        if (!source.StartsWith(ParkedMessage.EdgeSourcePrefix, StringComparison.Ordinal)
            || endpoints.Find(source[ParkedMessage.EdgeSourcePrefix.Length..]) is not { } service)
        {
            return new ParkedTranslation(null, null, $"No endpoint is mapped for '{source}' in this process.");
        }

        using var input = new MemoryStream(Encoding.UTF8.GetBytes(envelope));
        var read = SoapEnvelopeReader.Read(input, null, action, new SoapReadOptions
        {
            MaxDepth = options.Value.MaxXmlDepth,
            MaxCharacters = Math.Max(options.Value.MaxMessageBytes, envelope.Length),
            UnderstoodHeaders = Protocol.ReliableMessaging.RmVersion.V10.Headers.Concat(Protocol.ReliableMessaging.RmVersion.V11.Headers).ToHashSet(),
        });
        if (!read.IsEnvelope)
            return new ParkedTranslation(null, null, read.Fault.Reason);
        if (service.Find(read.Envelope.Action) is not OneWayOperation operation)
            return new ParkedTranslation(null, null, $"No one-way operation of {service.Name} has the action '{read.Envelope.Action}'.");

        var translation = await operation.TranslateAsync(service, read.Envelope, null, callbackGuard, cancellationToken).ConfigureAwait(false);
        return translation.Fault is { } refused
            ? new ParkedTranslation(null, null, refused.Reason)
            : new ParkedTranslation(types.NameOf(operation.MessageType), OutboxSerializer.Serialize(translation.Message!, operation.MessageType), null);
    }
}
