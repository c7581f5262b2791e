using static DuplexBus.IntegrationTests.Hostile.HostileNames;
using static DuplexBus.IntegrationTests.Hostile.HostileWire;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// Envelopes that are XML but not SOAP the edge can take: structure (SOAP 1.1 §4, SOAP 1.2 part 1 §5, WS-I BP
/// R1011), the HTTP binding (media types, SOAPAction), mustUnderstand (SOAP 1.1 §4.2.3, SOAP 1.2 §5.2.3 with roles),
/// and bodies that do not match the operation.
/// </summary>
public static partial class HostileCorpus
{
    private const string Soap11Next = "http://schemas.xmlsoap.org/soap/actor/next";
    private const string Soap12None = "http://www.w3.org/2003/05/soap-envelope/role/none";
    private const string Soap12Next = "http://www.w3.org/2003/05/soap-envelope/role/next";
    private const string Soap12UltimateReceiver = "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";

    private static IEnumerable<HostileCase> SoapCases()
    {
        const string G = SoapGroup;
        foreach (var soap in BothSoap)
        {
            var v = Label(soap);
            var ns = Of(soap);
            yield return Case(G, $"Envelope without a Body, {v}", _ => HostileRequest.Xml(soap, $"<s:Envelope xmlns:s=\"{ns}\"><s:Header/></s:Envelope>", AddItemAction), Spec.Malformed(soap));
            yield return Case(G, $"empty Envelope, {v}", _ => HostileRequest.Xml(soap, $"<s:Envelope xmlns:s=\"{ns}\"/>", AddItemAction), Spec.Malformed(soap));
            yield return Case(G, $"two Bodies, {v}", _ => HostileRequest.Xml(soap, $"<s:Envelope xmlns:s=\"{ns}\"><s:Body>{AddItem(Guid.NewGuid(), 1)}</s:Body><s:Body>{AddItem(Guid.NewGuid(), 2)}</s:Body></s:Envelope>", AddItemAction), Spec.Malformed(soap));
            yield return Case(G, $"Header after Body, {v}", _ => HostileRequest.Xml(soap, $"<s:Envelope xmlns:s=\"{ns}\"><s:Body>{AddItem(Guid.NewGuid(), 1)}</s:Body><s:Header/></s:Envelope>", AddItemAction), Spec.Malformed(soap));
            // SOAP 1.2 allows nothing after the Body; for SOAP 1.1, WS-I Basic Profile R1011 says the same.
            yield return Case(G, $"element after the Body, {v}", _ => HostileRequest.Xml(soap, $"<s:Envelope xmlns:s=\"{ns}\"><s:Body>{AddItem(Guid.NewGuid(), 1)}</s:Body><t:Trailer xmlns:t=\"urn:hostile\"/></s:Envelope>", AddItemAction), Spec.Malformed(soap));
        }
        yield return Case(G, "two Headers", _ => HostileRequest.Xml(Soap.S12, $"<s:Envelope xmlns:s=\"{Soap12}\"><s:Header/><s:Header/><s:Body>{AddItem(Guid.NewGuid(), 1)}</s:Body></s:Envelope>", AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "root element is not an Envelope", _ => HostileRequest.Xml(Soap.S11, $"<s:Body xmlns:s=\"{Soap11}\">{AddItem(Guid.NewGuid(), 1)}</s:Body>", AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "Envelope in no namespace", _ => HostileRequest.Xml(Soap.S11, $"<Envelope><Body>{AddItem(Guid.NewGuid(), 1)}</Body></Envelope>", AddItemAction), Spec.VersionMismatch(Soap.S11));
        yield return Case(G, "Envelope in an unknown namespace", _ => HostileRequest.Xml(Soap.S12, $"<s:Envelope xmlns:s=\"urn:hostile:soap\"><s:Body>{AddItem(Guid.NewGuid(), 1)}</s:Body></s:Envelope>", AddItemAction), Spec.VersionMismatch(Soap.S12));

        // The HTTP binding: only the two SOAP media types; the envelope must be the version its media type names.
        yield return Case(G, "Content-Type text/plain", _ => HostileRequest.WithContentType("text/plain; charset=utf-8", PlainAddItem(Soap.S11), $"\"{AddItemAction}\""), Spec.Http(415));
        yield return Case(G, "Content-Type application/xml", _ => HostileRequest.WithContentType("application/xml", PlainAddItem(Soap.S11), $"\"{AddItemAction}\""), Spec.Http(415));
        yield return Case(G, "Content-Type application/json", _ => HostileRequest.WithContentType("application/json", "{\"instanceId\":1}"), Spec.Http(415));
        yield return Case(G, "no Content-Type", _ => HostileRequest.WithContentType(null, PlainAddItem(Soap.S11), $"\"{AddItemAction}\""), Spec.Http(415));
        yield return Case(G, "Content-Type multipart/related (MTOM)", _ => HostileRequest.WithContentType("multipart/related; type=\"application/xop+xml\"; boundary=x", PlainAddItem(Soap.S12)), Spec.Http(415));
        yield return Case(G, "SOAP 1.1 envelope sent as application/soap+xml", _ => HostileRequest.Xml(Soap.S12, PlainAddItem(Soap.S11), AddItemAction), Spec.VersionMismatch(Soap.S12));
        yield return Case(G, "SOAP 1.2 envelope sent as text/xml", _ => HostileRequest.Xml(Soap.S11, PlainAddItem(Soap.S12), AddItemAction), Spec.VersionMismatch(Soap.S11));

        // mustUnderstand: a mandatory header block for this node that it does not understand.
        yield return Case(G, "unknown header with mustUnderstand=\"1\", SOAP 1.1", _ => Plain(Soap.S11, "<h:Unknown xmlns:h=\"urn:hostile\" s:mustUnderstand=\"1\"/>", AddItem(Guid.NewGuid(), 1), AddItemAction), Spec.MustUnderstand(Soap.S11, Wsa.None));
        yield return Case(G, "unknown header with mustUnderstand=\"true\", SOAP 1.2", _ => Plain(Soap.S12, "<h:Unknown xmlns:h=\"urn:hostile\" s:mustUnderstand=\"true\"/>", AddItem(Guid.NewGuid(), 1), AddItemAction), Spec.MustUnderstand(Soap.S12, Wsa.None));
        yield return Case(G, "unknown mustUnderstand header on an addressed message, SOAP 1.2 WSA 1.0", ctx => Addressed(Soap.S12, Wsa.V10, ctx, AddItemAction, AddItem(Guid.NewGuid(), 1), "<h:Unknown xmlns:h=\"urn:hostile\" s:mustUnderstand=\"1\"/>"), Spec.MustUnderstand(Soap.S12, Wsa.V10));
        yield return Case(G, "unknown mustUnderstand header on an addressed message, SOAP 1.1 WSA 2004/08", ctx => Addressed(Soap.S11, Wsa.V04, ctx, AddItemAction, AddItem(Guid.NewGuid(), 1), "<h:Unknown xmlns:h=\"urn:hostile\" s:mustUnderstand=\"1\"/>"), Spec.MustUnderstand(Soap.S11, Wsa.V04));
        yield return Case(G, "unknown mustUnderstand header on a CreateSequence", ctx => Addressed(Soap.S12, Wsa.V10, ctx, RmAction(Rm.V10, "CreateSequence"), CreateSequence(Rm.V10, Wsa.V10, Wsa10Anonymous), "<h:Unknown xmlns:h=\"urn:hostile\" s:mustUnderstand=\"1\"/>"), Spec.MustUnderstand(Soap.S12, Wsa.V10));
        yield return Case(G, "WS-RM header of the other namespace with mustUnderstand", ctx => Addressed(Soap.S12, Wsa.V10, ctx, AddItemAction, AddItem(Guid.NewGuid(), 1), $"<n:Sequence xmlns:n=\"http://schemas.xmlsoap.org/ws/2005/02/rm/wrong\" s:mustUnderstand=\"1\"><n:Identifier>{NewId()}</n:Identifier><n:MessageNumber>1</n:MessageNumber></n:Sequence>"), Spec.MustUnderstand(Soap.S12, Wsa.V10));
        yield return Case(G, "SOAP 1.1 actor next with mustUnderstand", _ => Plain(Soap.S11, $"<h:Unknown xmlns:h=\"urn:hostile\" s:actor=\"{Soap11Next}\" s:mustUnderstand=\"1\"/>", GetStatus(), GetStatusAction), Spec.MustUnderstand(Soap.S11, Wsa.None));
        yield return Case(G, "SOAP 1.2 role next with mustUnderstand", _ => Plain(Soap.S12, $"<h:Unknown xmlns:h=\"urn:hostile\" s:role=\"{Soap12Next}\" s:mustUnderstand=\"true\"/>", GetStatus(), GetStatusAction), Spec.MustUnderstand(Soap.S12, Wsa.None));
        yield return Case(G, "SOAP 1.2 role ultimateReceiver with mustUnderstand", _ => Plain(Soap.S12, $"<h:Unknown xmlns:h=\"urn:hostile\" s:role=\"{Soap12UltimateReceiver}\" s:mustUnderstand=\"1\"/>", GetStatus(), GetStatusAction), Spec.MustUnderstand(Soap.S12, Wsa.None));

        // Not mandatory for this node: served.
        yield return Case(G, "SOAP 1.2 mustUnderstand attribute on a SOAP 1.1 header is not SOAP 1.1's", _ => Plain(Soap.S11, $"<h:Unknown xmlns:h=\"urn:hostile\" xmlns:e=\"{Soap12}\" e:mustUnderstand=\"true\"/>", GetStatus(), GetStatusAction), Spec.StatusReply(Soap.S11, Wsa.None));
        yield return Case(G, "SOAP 1.1 mustUnderstand attribute on a SOAP 1.2 header is not SOAP 1.2's", _ => Plain(Soap.S12, $"<h:Unknown xmlns:h=\"urn:hostile\" xmlns:e=\"{Soap11}\" e:mustUnderstand=\"1\"/>", GetStatus(), GetStatusAction), Spec.StatusReply(Soap.S12, Wsa.None));
        yield return Case(G, "mustUnderstand=\"0\" on an unknown header", _ => Plain(Soap.S11, "<h:Unknown xmlns:h=\"urn:hostile\" s:mustUnderstand=\"0\"/>", GetStatus(), GetStatusAction), Spec.StatusReply(Soap.S11, Wsa.None));
        yield return Case(G, "mustUnderstand=\"false\" on an unknown header", _ => Plain(Soap.S12, "<h:Unknown xmlns:h=\"urn:hostile\" s:mustUnderstand=\"false\"/>", GetStatus(), GetStatusAction), Spec.StatusReply(Soap.S12, Wsa.None));
        // SOAP 1.2 §5.2.3: only blocks targeted at this node are mandatory; role "none" targets no node.
        yield return Case(G, "SOAP 1.2 role none with mustUnderstand is not processed", _ => Plain(Soap.S12, $"<h:Unknown xmlns:h=\"urn:hostile\" s:role=\"{Soap12None}\" s:mustUnderstand=\"true\"/>", GetStatus(), GetStatusAction), Spec.StatusReply(Soap.S12, Wsa.None));
        yield return Case(G, "SOAP 1.2 role of another node with mustUnderstand is not processed", _ => Plain(Soap.S12, "<h:Unknown xmlns:h=\"urn:hostile\" s:role=\"http://example.org/another-node\" s:mustUnderstand=\"true\"/>", GetStatus(), GetStatusAction), Spec.StatusReply(Soap.S12, Wsa.None));
        // SOAP 1.1 §4.2.2: a block for another actor is not for this node.
        yield return Case(G, "SOAP 1.1 actor of another node with mustUnderstand is not processed", _ => Plain(Soap.S11, "<h:Unknown xmlns:h=\"urn:hostile\" s:actor=\"http://example.org/another-node\" s:mustUnderstand=\"1\"/>", GetStatus(), GetStatusAction), Spec.StatusReply(Soap.S11, Wsa.None));

        // WS-Addressing 1.0 SOAP binding §3 / §6.4.1: SOAPAction (or the action parameter) must equal wsa:Action.
        yield return Case(G, "SOAPAction differs from wsa:Action, SOAP 1.1", ctx => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, Addressing(Wsa.V10, GetStatusAction, ctx.Service), GetStatus()), AddItemAction), Spec.InvalidHeader(Soap.S11, Wsa.V10, "ActionMismatch"));
        yield return Case(G, "action parameter differs from wsa:Action, SOAP 1.2", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, Addressing(Wsa.V10, GetStatusAction, ctx.Service), GetStatus()), AddItemAction), Spec.InvalidHeader(Soap.S12, Wsa.V10, "ActionMismatch"));

        // Plain SOAP: the action comes from HTTP; none, or one no operation has, is ActionNotSupported.
        yield return Case(G, "plain SOAP 1.1 without SOAPAction", _ => Plain(Soap.S11, "", AddItem(Guid.NewGuid(), 1), null), Spec.ActionNotSupported(Soap.S11, Wsa.None));
        yield return Case(G, "plain SOAP 1.1 with an unknown SOAPAction", _ => Plain(Soap.S11, "", AddItem(Guid.NewGuid(), 1), UnknownAction), Spec.ActionNotSupported(Soap.S11, Wsa.None));
        yield return Case(G, "plain SOAP 1.2 without an action parameter", _ => Plain(Soap.S12, "", AddItem(Guid.NewGuid(), 1), null), Spec.ActionNotSupported(Soap.S12, Wsa.None));

        // Bodies that do not match the operation.
        yield return Case(G, "Body with only text", _ => Plain(Soap.S11, "", "hostile text", GetStatusAction), Spec.DeserializationFailed(Soap.S11, Wsa.None));
        yield return Case(G, "empty Body", _ => Plain(Soap.S12, "", "", AddItemAction), Spec.DeserializationFailed(Soap.S12, Wsa.None));
        yield return Case(G, "nil Guid parameter", _ => Plain(Soap.S11, "", "<GetStatus xmlns=\"urn:duplexbus:samples\"><instanceId xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:nil=\"true\"/></GetStatus>", GetStatusAction), Spec.DeserializationFailed(Soap.S11, Wsa.None));
        yield return Case(G, "body of another operation", _ => Plain(Soap.S11, "", GetStatus(), AddItemAction), Spec.DeserializationFailed(Soap.S11, Wsa.None));
        yield return Case(G, "int parameter past int.MaxValue", ctx => Addressed(Soap.S12, Wsa.V10, ctx, AddItemAction, $"<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{Guid.NewGuid()}</instanceId><index>2147483648</index><value>v</value></AddItem>"), Spec.DeserializationFailed(Soap.S12, Wsa.V10));
        yield return Case(G, "parameter with child elements", ctx => Addressed(Soap.S11, Wsa.V10, ctx, AddItemAction, $"<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{Guid.NewGuid()}</instanceId><index><i>1</i></index><value>v</value></AddItem>"), Spec.DeserializationFailed(Soap.S11, Wsa.V10));
        yield return Case(G, "a SOAP Fault sent as an AddItem request", _ => Plain(Soap.S11, "", "<s:Fault><faultcode>s:Client</faultcode><faultstring>hostile</faultstring></s:Fault>", AddItemAction), Spec.Accepted(Soap.S11));
    }
}
