using static DuplexBus.IntegrationTests.Hostile.HostileNames;
using static DuplexBus.IntegrationTests.Hostile.HostileWire;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// WS-Addressing: required headers (WSA 1.0 core §3.2: Action always, MessageID when a reply is expected; 2004/08
/// also ReplyTo), cardinality (at most one of each, SOAP binding §6.4.1 InvalidCardinality), endpoint references
/// (an EPR has an Address: MissingAddressInEPR), callback addresses the allow-list refuses (InvalidAddress),
/// unknown actions (ActionNotSupported with ProblemAction), mixed versions and a To that is not this endpoint
/// (DestinationUnreachable). WS-Addressing's own faults travel with its fault action (SOAP binding §6).
/// </summary>
public static partial class HostileCorpus
{
    private static IEnumerable<HostileCase> AddressingCases()
    {
        const string G = AddressingGroup;

        // Action is required.
        yield return Case(G, "no Action, SOAP 1.2 WSA 1.0", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, MessageId(Wsa.V10) + To(Wsa.V10, ctx.Service), GetStatus()), null),
            Spec.HeaderRequired(Soap.S12, Wsa.V10) with { Fault = Spec.HeaderRequired(Soap.S12, Wsa.V10).Fault! with { DetailElement = Wsa10 + "ProblemHeaderQName" } });
        yield return Case(G, "no Action, SOAP 1.1 WSA 1.0", ctx => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, MessageId(Wsa.V10) + To(Wsa.V10, ctx.Service), GetStatus()), GetStatusAction), Spec.HeaderRequired(Soap.S11, Wsa.V10));
        yield return Case(G, "no Action, SOAP 1.2 WSA 2004/08", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, MessageId(Wsa.V04) + ReplyTo(Wsa.V04, Wsa04Anonymous) + To(Wsa.V04, ctx.Service), GetStatus()), null), Spec.HeaderRequired(Soap.S12, Wsa.V04));
        yield return Case(G, "empty Action", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, Action(Wsa.V10, "") + MessageId(Wsa.V10) + To(Wsa.V10, ctx.Service), GetStatus()), null), Spec.HeaderRequired(Soap.S12, Wsa.V10));
        yield return Case(G, "Action of only whitespace", ctx => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, Action(Wsa.V10, " \t ") + MessageId(Wsa.V10) + To(Wsa.V10, ctx.Service), GetStatus()), GetStatusAction), Spec.HeaderRequired(Soap.S11, Wsa.V10));

        // Cardinality: each addressing header at most once.
        yield return Case(G, "two equal Actions", ctx => Addressed(Soap.S12, Wsa.V10, ctx, GetStatusAction, GetStatus(), Action(Wsa.V10, GetStatusAction)), Spec.InvalidHeader(Soap.S12, Wsa.V10, "InvalidCardinality"));
        yield return Case(G, "two different Actions", ctx => Addressed(Soap.S11, Wsa.V10, ctx, GetStatusAction, GetStatus(), Action(Wsa.V10, AddItemAction)), Spec.InvalidHeader(Soap.S11, Wsa.V10, "InvalidCardinality"));
        yield return Case(G, "two MessageIDs", ctx => Addressed(Soap.S12, Wsa.V10, ctx, GetStatusAction, GetStatus(), MessageId(Wsa.V10)), Spec.InvalidHeader(Soap.S12, Wsa.V10, "InvalidCardinality"));
        yield return Case(G, "two To headers", ctx => Addressed(Soap.S12, Wsa.V10, ctx, GetStatusAction, GetStatus(), To(Wsa.V10, ctx.Service)), Spec.InvalidHeader(Soap.S12, Wsa.V10, "InvalidCardinality"));
        yield return Case(G, "two ReplyTo headers", ctx => Addressed(Soap.S12, Wsa.V10, ctx, GetStatusAction, GetStatus(), ReplyTo(Wsa.V10, Wsa10Anonymous) + ReplyTo(Wsa.V10, Wsa10Anonymous)), Spec.InvalidHeader(Soap.S12, Wsa.V10, "InvalidCardinality"));
        yield return Case(G, "two FaultTo headers", ctx => Addressed(Soap.S11, Wsa.V10, ctx, GetStatusAction, GetStatus(), Epr(Wsa.V10, "FaultTo", Wsa10Anonymous) + Epr(Wsa.V10, "FaultTo", Wsa10Anonymous)), Spec.InvalidHeader(Soap.S11, Wsa.V10, "InvalidCardinality"));
        yield return Case(G, "two MessageIDs, WSA 2004/08", ctx => Addressed(Soap.S12, Wsa.V04, ctx, GetStatusAction, GetStatus(), MessageId(Wsa.V04)), Spec.InvalidHeader(Soap.S12, Wsa.V04, null));

        // A reply is expected: MessageID is required (WSA 1.0 core §3.4; 2004/08 also needs ReplyTo).
        yield return Case(G, "request-reply without MessageID, SOAP 1.2 WSA 1.0", ctx => Addressed(Soap.S12, Wsa.V10, ctx, GetStatusAction, GetStatus(), messageId: false), Spec.HeaderRequired(Soap.S12, Wsa.V10));
        yield return Case(G, "request-reply without MessageID, SOAP 1.1 WSA 2004/08", ctx => Addressed(Soap.S11, Wsa.V04, ctx, GetStatusAction, GetStatus(), messageId: false), Spec.HeaderRequired(Soap.S11, Wsa.V04));

        // Endpoint references without an Address.
        yield return Case(G, "ReplyTo without an Address", ctx => Addressed(Soap.S12, Wsa.V10, ctx, GetStatusAction, GetStatus(), Epr(Wsa.V10, "ReplyTo", null)), Spec.InvalidHeader(Soap.S12, Wsa.V10, "MissingAddressInEPR"));
        yield return Case(G, "FaultTo without an Address", ctx => Addressed(Soap.S11, Wsa.V10, ctx, GetStatusAction, GetStatus(), Epr(Wsa.V10, "FaultTo", null)), Spec.InvalidHeader(Soap.S11, Wsa.V10, "MissingAddressInEPR"));
        yield return Case(G, "StartWork with a ReplyTo without an Address", ctx => Addressed(Soap.S12, Wsa.V10, ctx, StartWorkAction, StartWork(Guid.NewGuid()), Epr(Wsa.V10, "ReplyTo", null)), Spec.InvalidHeader(Soap.S12, Wsa.V10, "MissingAddressInEPR"));

        // Callback addresses the allow-list refuses (loopback http/https only): InvalidAddress, nothing stored.
        var refused = new (string Name, string Address)[]
        {
            ("a relative URI", "callbacks/work"),
            ("a rooted path", "/callbacks/work"),
            ("an address of 10000 characters (past MaxCallbackAddressLength)", "http://127.0.0.1/" + new string('x', 10_000)),
            ("scheme ftp", "ftp://127.0.0.1/callback"),
            ("scheme file", "file:///etc/passwd"),
            ("scheme gopher", "gopher://127.0.0.1:25/_HELO"),
            ("the cloud metadata address", "http://169.254.169.254/latest/meta-data/"),
            ("a private network address", "http://10.0.0.5:8080/callback"),
            ("a public host name", "http://example.com/callback"),
            ("a host name that only starts with localhost", "http://localhost.example.com/callback"),
            ("an IPv4-mapped IPv6 private address", "http://[::ffff:10.0.0.1]/callback"),
            ("user info before a private address", "http://127.0.0.1@10.0.0.1/callback"),
        };
        foreach (var (name, address) in refused)
        {
            var xmlAddress = System.Security.SecurityElement.Escape(address);
            yield return Case(G, $"StartWork ReplyTo refused: {name}", ctx => Addressed(Soap.S12, Wsa.V10, ctx, StartWorkAction, StartWork(Guid.NewGuid()), ReplyTo(Wsa.V10, xmlAddress)), Spec.InvalidHeader(Soap.S12, Wsa.V10, "InvalidAddress"));
        }
        yield return Case(G, "StartWork ReplyTo refused, SOAP 1.1 WSA 1.0", ctx => Addressed(Soap.S11, Wsa.V10, ctx, StartWorkAction, StartWork(Guid.NewGuid()), ReplyTo(Wsa.V10, "http://10.0.0.5/callback")), Spec.InvalidHeader(Soap.S11, Wsa.V10, "InvalidAddress"));
        yield return Case(G, "StartWork ReplyTo refused, SOAP 1.2 WSA 2004/08", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, Action(Wsa.V04, StartWorkAction) + MessageId(Wsa.V04) + ReplyTo(Wsa.V04, "http://10.0.0.5/callback") + To(Wsa.V04, ctx.Service), StartWork(Guid.NewGuid())), null), Spec.InvalidHeader(Soap.S12, Wsa.V04, null));
        yield return Case(G, "StartWork ReplyTo refused, SOAP 1.1 WSA 2004/08", ctx => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, Action(Wsa.V04, StartWorkAction) + MessageId(Wsa.V04) + ReplyTo(Wsa.V04, "ftp://127.0.0.1/callback") + To(Wsa.V04, ctx.Service), StartWork(Guid.NewGuid())), StartWorkAction), Spec.InvalidHeader(Soap.S11, Wsa.V04, null));
        yield return Case(G, "StartWork CallbackContext refused: a private network address", ctx => Addressed(Soap.S12, Wsa.V10, ctx, StartWorkAction, StartWork(Guid.NewGuid()),
            "<c:CallbackContext xmlns:c=\"http://schemas.microsoft.com/ws/2008/02/context\"><c:CallbackEndpointReference><a:Address>http://10.9.8.7/callback</a:Address></c:CallbackEndpointReference></c:CallbackContext>"),
            Spec.InvalidHeader(Soap.S12, Wsa.V10, "InvalidAddress"));

        // Unknown actions.
        yield return Case(G, "unknown action, SOAP 1.2 WSA 1.0", ctx => Addressed(Soap.S12, Wsa.V10, ctx, UnknownAction, GetStatus()), Spec.ActionNotSupported(Soap.S12, Wsa.V10));
        yield return Case(G, "unknown action, SOAP 1.1 WSA 1.0", ctx => Addressed(Soap.S11, Wsa.V10, ctx, UnknownAction, GetStatus()), Spec.ActionNotSupported(Soap.S11, Wsa.V10));
        yield return Case(G, "unknown action, SOAP 1.2 WSA 2004/08", ctx => Addressed(Soap.S12, Wsa.V04, ctx, UnknownAction, GetStatus()), Spec.ActionNotSupported(Soap.S12, Wsa.V04));
        yield return Case(G, "unknown action, SOAP 1.1 WSA 2004/08", ctx => Addressed(Soap.S11, Wsa.V04, ctx, UnknownAction, GetStatus()), Spec.ActionNotSupported(Soap.S11, Wsa.V04));
        yield return Case(G, "action of the reply sent as a request", ctx => Addressed(Soap.S12, Wsa.V10, ctx, GetStatusAction + "Response", GetStatus()), Spec.ActionNotSupported(Soap.S12, Wsa.V10));
        yield return Case(G, "action of a callback sent to the service", ctx => Addressed(Soap.S12, Wsa.V10, ctx, "urn:duplexbus:samples/WorkCallback/WorkCompleted", GetStatus()), Spec.ActionNotSupported(Soap.S12, Wsa.V10));

        // Mixed versions in one message: the headers of the other version are not understood.
        yield return Case(G, "2004/08 Action with a 1.0 To, both mustUnderstand", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, Action(Wsa.V04, GetStatusAction) + MessageId(Wsa.V04) + To(Wsa.V10, ctx.Service), GetStatus()), null), Spec.MustUnderstand(Soap.S12, Wsa.V04));
        yield return Case(G, "1.0 Action with a 2004/08 To, both mustUnderstand", ctx => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, Action(Wsa.V10, GetStatusAction) + MessageId(Wsa.V10) + To(Wsa.V04, ctx.Service), GetStatus()), GetStatusAction), Spec.MustUnderstand(Soap.S11, Wsa.V10));
        yield return Case(G, "1.0 headers with a 2004/08 Action, both mustUnderstand", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, Action(Wsa.V10, GetStatusAction) + MessageId(Wsa.V10) + To(Wsa.V10, ctx.Service) + Action(Wsa.V04, GetStatusAction), GetStatus()), null), Spec.MustUnderstand(Soap.S12, Wsa.V10));

        // To names another endpoint. Its host is not compared (WCF's default address filter does not either): a proxy
        // or a load balancer may stand between the client and this host.
        yield return Case(G, "To of another scheme", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, Addressing(Wsa.V10, GetStatusAction, "ftp://127.0.0.1/services/work"), GetStatus()), null), Spec.DestinationUnreachable(Soap.S12, Wsa.V10));
        yield return Case(G, "To of another path", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, Addressing(Wsa.V10, GetStatusAction, ctx.Service.Replace("/services/work", "/services/other", StringComparison.Ordinal)), GetStatus()), null), Spec.DestinationUnreachable(Soap.S12, Wsa.V10));
        yield return Case(G, "To of another path, SOAP 1.1 WSA 2004/08", ctx => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, Addressing(Wsa.V04, GetStatusAction, ctx.Service + "/other"), GetStatus()), GetStatusAction), Spec.DestinationUnreachable(Soap.S11, Wsa.V04));
        yield return Case(G, "To that is not a URI", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, Addressing(Wsa.V10, GetStatusAction, "not a uri at all"), GetStatus()), null), Spec.DestinationUnreachable(Soap.S12, Wsa.V10));
    }
}
