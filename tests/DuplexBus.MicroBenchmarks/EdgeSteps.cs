using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.MicroBenchmarks;

/// <summary>
/// The pure steps the edge runs per message, called exactly as the edge calls them, so a figure here is a figure
/// of the edge and not of a friendlier setup. The edge's own glue (HTTP, the database) is not in this project.
/// </summary>
public static class EdgeSteps
{
    /// <summary>As <c>SoapEndpoint</c> builds them from the default <c>EdgeOptions</c>: the WS-RM headers understood.</summary>
    public static readonly SoapReadOptions ReadOptions = new()
    {
        UnderstoodHeaders = RmVersion.V10.Headers.Concat(RmVersion.V11.Headers).ToHashSet(),
    };

    /// <summary>What the HTTP layer tells the reader: the Content-Type's SOAP version and, for SOAP 1.1, the SOAPAction.</summary>
    public static SoapReadResult Read(byte[] body, WcfMessage message)
    {
        // A fresh stream per message, as the edge has; it costs one small object.
        using var input = new MemoryStream(body, writable: false);
        return message == WcfMessage.Rm11Soap12
            ? SoapEnvelopeReader.Read(input, SoapVersion.Soap12, httpAction: null, ReadOptions)
            : SoapEnvelopeReader.Read(input, SoapVersion.Soap11, WcfEnvelopes.AddItemAction, ReadOptions);
    }

    /// <summary>The answer envelope for a WS-RM response, as <c>ReliableSessionHandler.Answer</c> writes it.</summary>
    public static byte[]? Answer(SoapEnvelope envelope, RmOutgoing outgoing) =>
        outgoing.Status == 202
            ? null
            : SoapMessageWriter.WriteMessage(envelope.Version, envelope.Addressing, outgoing.Action, envelope.MessageId, outgoing.Headers,
                outgoing.Body is null ? null : writer => outgoing.Body.WriteTo(writer));
}
