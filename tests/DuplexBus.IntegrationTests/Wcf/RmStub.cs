using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using DuplexBus.Testing;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>
/// The smallest WS-RM destination (1.0 and 1.1, anonymous initiators) that the WCF client completes a session with, for
/// pinning down the client's wire shape: it answers CreateSequence, acknowledges every sequence message, and answers
/// CloseSequence and TerminateSequence, recording each exchange. It delivers nothing anywhere.
/// </summary>
public sealed class RmStub : IAsyncDisposable
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<RmExchange> exchanges = new();
    private readonly ConcurrentDictionary<string, RmStubSequence> sequences = new(StringComparer.Ordinal);
    private readonly Func<RmExchange, RmExchange>? alter;
    private InProcessHttpServer? server;

    private RmStub(Func<RmExchange, RmExchange>? alter) => this.alter = alter;

    /// <summary>http://127.0.0.1:&lt;port&gt;/ — e.g. the target of a proxy.</summary>
    public Uri BaseAddress => server!.BaseAddress;

    public Uri ServiceUri => new(BaseAddress, "/services/work");

    public IReadOnlyList<RmExchange> Exchanges => [.. exchanges];

    /// <param name="alter">
    /// Sees each exchange with the answer the stub would give, and returns the one to give instead (e.g. a 202 with no
    /// envelope, or the envelope without a header): the state of the stub has already changed either way.
    /// </param>
    public static async Task<RmStub> StartAsync(Func<RmExchange, RmExchange>? alter = null)
    {
        var stub = new RmStub(alter);
        stub.server = await InProcessHttpServer.StartAsync(stub.HandleAsync);
        return stub;
    }

    /// <summary>The message numbers received on a sequence, in arrival order, retransmissions included.</summary>
    public IReadOnlyList<long> Received(string sequenceId) => sequences[sequenceId].Arrivals;

    public IReadOnlyCollection<string> SequenceIds => [.. sequences.Keys];

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
            await server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = clock.Elapsed;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var request = XElement.Parse(text);
        var soap = request.Name.Namespace;
        var headers = request.Element(soap + "Header")?.Elements().ToList() ?? [];
        var body = request.Element(soap + "Body")!.Elements().FirstOrDefault();
        var actionHeader = headers.First(h => h.Name.LocalName == "Action");
        var wsa = actionHeader.Name.Namespace;
        var sequence = headers.FirstOrDefault(h => h.Name.LocalName == "Sequence" && RmNames.IsRm(h.Name.Namespace));
        var number = sequence?.Element(sequence.Name.Namespace + "MessageNumber") is { } messageNumber
            ? long.Parse(messageNumber.Value, CultureInfo.InvariantCulture)
            : (long?)null;

        var (status, response) = Answer(new Incoming(soap, wsa, headers, body, actionHeader.Value, sequence, number, context.Request));
        var exchange = new RmExchange(
            at, context.Request.ContentType ?? "", context.Request.Headers["SOAPAction"].FirstOrDefault(), request, actionHeader.Value, number, status, response)
        {
            RequestText = text,
            RequestContentLength = context.Request.ContentLength,
            RequestProtocol = context.Request.Protocol,
        };
        if (alter is not null)
            exchange = alter(exchange);
        exchanges.Enqueue(exchange);

        context.Response.StatusCode = exchange.Status;
        if (exchange.Response is not null)
        {
            context.Response.ContentType = soap == RmNames.Soap12 ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8";
            await context.Response.WriteAsync(exchange.Response.ToString(SaveOptions.DisableFormatting), context.RequestAborted);
        }
    }

    private (int Status, XElement? Response) Answer(Incoming m)
    {
        if (m.Sequence is not null)
        {
            var rm = m.Sequence.Name.Namespace;
            var state = sequences[Identifier(m.Sequence)];
            state.Receive(m.Number!.Value);
            return (200, m.Reply(RmAction(rm, "SequenceAcknowledgement"), relatesTo: false, state.Acknowledgement(rm, final: false)));
        }

        var rmNs = m.Body?.Name.Namespace is { } bodyNs && RmNames.IsRm(bodyNs)
            ? bodyNs
            : m.Headers.Select(h => h.Name.Namespace).FirstOrDefault(RmNames.IsRm);
        if (rmNs is null)
            return (202, null);
        var operation = m.Action[(rmNs.NamespaceName.Length + 1)..];
        switch (operation)
        {
            case "CreateSequence":
            {
                var id = $"urn:uuid:{Guid.NewGuid()}";
                var offer = m.Body!.Element(rmNs + "Offer")?.Element(rmNs + "Identifier")?.Value;
                sequences[id] = new RmStubSequence(id, offer);
                var response = new XElement(rmNs + "CreateSequenceResponse", new XElement(rmNs + "Identifier", id));
                if (offer is not null)
                    response.Add(new XElement(rmNs + "Accept", new XElement(rmNs + "AcksTo", new XElement(m.Wsa + "Address", m.RequestUri))));
                return (200, m.Reply(RmAction(rmNs, "CreateSequenceResponse"), relatesTo: true, body: response));
            }

            case "AckRequested":
            {
                var state = sequences[Identifier(m.Headers.First(h => h.Name == rmNs + "AckRequested"))];
                return (200, m.Reply(RmAction(rmNs, "SequenceAcknowledgement"), relatesTo: false, state.Acknowledgement(rmNs, final: false)));
            }

            // WS-RM 1.1 only; the client rejects a CloseSequenceResponse (and a TerminateSequenceResponse) without a final
            // ack of exactly 1..last.
            case "CloseSequence":
            {
                var state = sequences[Identifier(m.Body!)];
                var response = new XElement(rmNs + "CloseSequenceResponse", new XElement(rmNs + "Identifier", state.Id));
                return (200, m.Reply(RmAction(rmNs, "CloseSequenceResponse"), relatesTo: true, state.Acknowledgement(rmNs, final: true), response));
            }

            case "TerminateSequence" when rmNs == RmNames.Rm11:
            {
                var state = sequences[Identifier(m.Body!)];
                var response = new XElement(rmNs + "TerminateSequenceResponse", new XElement(rmNs + "Identifier", state.Id));
                return (200, m.Reply(RmAction(rmNs, "TerminateSequenceResponse"), relatesTo: true, state.Acknowledgement(rmNs, final: true), response));
            }

            // WS-RM 1.0 with a reply sequence: the client waits for a 200 envelope (any will do) and resends on a 202. WCF
            // services answer with the reply sequence's TerminateSequence, so the stub does too.
            case "TerminateSequence" when sequences[Identifier(m.Body!)] is { OfferedId: { } offered } state:
            {
                var response = new XElement(rmNs + "TerminateSequence", new XElement(rmNs + "Identifier", offered));
                return (200, m.Reply(RmAction(rmNs, "TerminateSequence"), relatesTo: true, state.Acknowledgement(rmNs, final: false), response));
            }

            // WS-RM 1.0 without a reply sequence (TerminateSequence), and faults the client sends.
            default:
                return (202, null);
        }
    }

    private static string RmAction(XNamespace rm, string name) => $"{rm.NamespaceName}/{name}";

    private static string Identifier(XElement element) => element.Element(element.Name.Namespace + "Identifier")!.Value;

    private sealed record Incoming(
        XNamespace Soap, XNamespace Wsa, IReadOnlyList<XElement> Headers, XElement? Body, string Action, XElement? Sequence, long? Number, HttpRequest Http)
    {
        // The client insists that the AcksTo of an Accept is the address it sent to, which it also sent as wsa:To;
        // behind a proxy that is not this server's own address.
        public string RequestUri => Headers.FirstOrDefault(h => h.Name == Wsa + "To")?.Value ?? $"{Http.Scheme}://{Http.Host}{Http.Path}";

        public XElement Reply(string action, bool relatesTo, XElement? header = null, XElement? body = null)
        {
            var headers = new List<XElement> { new(Wsa + "Action", new XAttribute(Soap + "mustUnderstand", "1"), action) };
            if (relatesTo && Headers.FirstOrDefault(h => h.Name == Wsa + "MessageID") is { } messageId)
                headers.Add(new XElement(Wsa + "RelatesTo", messageId.Value));
            if (header is not null)
                headers.Add(header);
            return new XElement(
                Soap + "Envelope",
                new XAttribute(XNamespace.Xmlns + "s", Soap),
                new XAttribute(XNamespace.Xmlns + "a", Wsa),
                new XElement(Soap + "Header", headers),
                new XElement(Soap + "Body", body));
        }
    }
}
