using System.Text;
using static DuplexBus.IntegrationTests.Hostile.HostileNames;
using static DuplexBus.IntegrationTests.Hostile.HostileWire;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// Malformed and adversarial XML. The XML 1.0 rules (well-formedness, legal characters, encodings), SOAP's ban on
/// DTDs (SOAP 1.1 §3, SOAP 1.2 part 1 §5) and SOAP 1.1's on processing instructions make each a Sender (Client)
/// fault; nothing of the message's addressing is known then, so the fault carries no Action. Input that is legal XML,
/// however odd (comments, CDATA, many attributes, long names, SOAP 1.2 processing instructions), is served.
/// </summary>
public static partial class HostileCorpus
{
    private const int DepthLimit = 32;

    private static IEnumerable<HostileCase> XmlCases()
    {
        const string G = XmlGroup;
        foreach (var soap in BothSoap)
        {
            var v = Label(soap);
            yield return Case(G, $"not XML at all, {v}", _ => HostileRequest.Xml(soap, "this is not XML", AddItemAction), Spec.Malformed(soap));
            yield return Case(G, $"empty body, {v}", _ => HostileRequest.Xml(soap, "", AddItemAction), Spec.Malformed(soap));
            yield return Case(G, $"truncated inside a start tag, {v}", _ => HostileRequest.Xml(soap, PlainAddItem(soap)[..60], AddItemAction), Spec.Malformed(soap));
            yield return Case(G, $"DTD with billion laughs entity expansion, {v}", _ => HostileRequest.Xml(soap, BillionLaughs(soap), AddItemAction), Spec.Malformed(soap));
            yield return Case(G, $"nesting one level past the depth limit, {v}", _ => HostileRequest.Xml(soap, Nested(soap, DepthLimit - 3), AddItemAction), Spec.Malformed(soap));
        }

        yield return Case(G, "only whitespace", _ => HostileRequest.Xml(Soap.S11, "   \r\n\t  ", AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "truncated: end tags missing", _ => HostileRequest.Xml(Soap.S11, PlainAddItem(Soap.S11).Replace("</s:Body></s:Envelope>", "", StringComparison.Ordinal), AddItemAction), Spec.Malformed(Soap.S11));

        // DTDs in any form: SOAP messages must not contain one.
        yield return Case(G, "external entity SYSTEM file", _ => HostileRequest.Xml(Soap.S11, "<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + PlainAddItem(Soap.S11, "&xxe;"), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "external entity SYSTEM http to loopback", _ => HostileRequest.Xml(Soap.S12, "<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/xxe\">]>" + PlainAddItem(Soap.S12, "&xxe;"), AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "external parameter entity", _ => HostileRequest.Xml(Soap.S11, "<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p.dtd\"> %p;]>" + PlainAddItem(Soap.S11), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "DOCTYPE without an internal subset", _ => HostileRequest.Xml(Soap.S11, "<!DOCTYPE s:Envelope>" + PlainAddItem(Soap.S11), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "DOCTYPE with a PUBLIC identifier", _ => HostileRequest.Xml(Soap.S12, "<!DOCTYPE s:Envelope PUBLIC \"-//hostile//DTD x//EN\" \"http://127.0.0.1:9/x.dtd\">" + PlainAddItem(Soap.S12), AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "DTD with quadratic blowup entity", _ => HostileRequest.Xml(Soap.S11, "<!DOCTYPE s:Envelope [<!ENTITY a \"" + new string('a', 50_000) + "\">]>" + PlainAddItem(Soap.S11, Repeat("&a;", 2_000)), AddItemAction), Spec.Malformed(Soap.S11));

        // Depth: the limit holds while reading, wherever the nesting is.
        yield return Case(G, "nesting exactly at the depth limit is read (a parameter with children)", _ => HostileRequest.Xml(Soap.S11, Nested(Soap.S11, DepthLimit - 4), AddItemAction), Spec.DeserializationFailed(Soap.S11, Wsa.None));
        yield return Case(G, "nesting 10000 levels deep", _ => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, "", Repeat("<x>", 10_000) + Repeat("</x>", 10_000)), AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "nesting past the limit inside a header", _ => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, "<h:Deep xmlns:h=\"urn:hostile\">" + Repeat("<h:x>", 40) + Repeat("</h:x>", 40) + "</h:Deep>", GetStatus()), GetStatusAction), Spec.Malformed(Soap.S11));

        // Legal XML but past the reader's quotas (as WCF's default reader quotas would be): refused at once, before a
        // tree is built — 25,000 attributes once took seconds of CPU to add one by one.
        yield return Case(G, "25000 attributes on a header nobody must understand", _ => Plain(Soap.S11, "<h:Blob xmlns:h=\"urn:hostile\"" + string.Concat(Enumerable.Range(0, 25_000).Select(i => $" a{i}=\"1\"")) + "/>", GetStatus(), GetStatusAction),
            Spec.Malformed(Soap.S11) with { Within = TimeSpan.FromSeconds(1) });
        yield return Case(G, "the same attribute twice", _ => Plain(Soap.S11, "<h:Blob xmlns:h=\"urn:hostile\" a=\"1\" a=\"2\"/>", GetStatus(), GetStatusAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "element name of 100000 characters in a header nobody must understand", _ => Plain(Soap.S12, $"<h:{new string('n', 100_000)} xmlns:h=\"urn:hostile\"/>", GetStatus(), GetStatusAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "namespace of 100000 characters on a mustUnderstand header", _ => Plain(Soap.S11, $"<h:Long xmlns:h=\"urn:{new string('n', 100_000)}\" s:mustUnderstand=\"1\"/>", GetStatus(), GetStatusAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "prefix of 50000 characters", _ => Plain(Soap.S11, $"<{new string('p', 50_000)}:H xmlns:{new string('p', 50_000)}=\"urn:hostile\"/>", GetStatus(), GetStatusAction), Spec.Malformed(Soap.S11));

        // Encodings.
        yield return Case(G, "declared UTF-16, sent as UTF-8 without a BOM", _ => HostileRequest.Xml(Soap.S11, "<?xml version=\"1.0\" encoding=\"utf-16\"?>" + PlainAddItem(Soap.S11), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "UTF-16 byte order mark before UTF-8 bytes", _ => HostileRequest.Bytes(Soap.S11, [0xFF, 0xFE, .. Utf8(PlainAddItem(Soap.S11))], AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "UTF-8 byte order mark with a UTF-16 declaration", _ => HostileRequest.Bytes(Soap.S12, [0xEF, 0xBB, 0xBF, .. Utf8("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + PlainAddItem(Soap.S12))], AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "encoding nobody knows", _ => HostileRequest.Xml(Soap.S11, "<?xml version=\"1.0\" encoding=\"x-hostile-unknown\"?>" + PlainAddItem(Soap.S11), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "invalid UTF-8 byte sequence in a value", _ => HostileRequest.Bytes(Soap.S11, Spliced(PlainAddItem(Soap.S11, "@@"), [0xC3, 0x28]), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "overlong UTF-8 encoding of '<'", _ => HostileRequest.Bytes(Soap.S12, Spliced(PlainAddItem(Soap.S12, "@@"), [0xC0, 0xBC]), AddItemAction), Spec.Malformed(Soap.S12));

        // Characters XML 1.0 does not allow (§2.2).
        yield return Case(G, "character reference to NUL", _ => HostileRequest.Xml(Soap.S11, PlainAddItem(Soap.S11, "&#0;"), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "raw control character 0x01", _ => HostileRequest.Bytes(Soap.S11, Spliced(PlainAddItem(Soap.S11, "@@"), [0x01]), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "raw vertical tab 0x0B", _ => HostileRequest.Bytes(Soap.S12, Spliced(PlainAddItem(Soap.S12, "@@"), [0x0B]), AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "character reference to a lone surrogate", _ => HostileRequest.Xml(Soap.S12, PlainAddItem(Soap.S12, "&#xD800;"), AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "raw U+FFFE", _ => HostileRequest.Bytes(Soap.S11, Spliced(PlainAddItem(Soap.S11, "@@"), [0xEF, 0xBF, 0xBE]), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "character reference to U+FFFF", _ => HostileRequest.Xml(Soap.S11, PlainAddItem(Soap.S11, "&#xFFFF;"), AddItemAction), Spec.Malformed(Soap.S11));

        // Processing instructions: SOAP 1.1 §3 forbids them in the sentence that forbids DTDs (a Client fault, as for a
        // DTD); SOAP 1.2 part 1 §5 says a receiver MUST ignore them.
        yield return Case(G, "processing instruction before the Envelope, SOAP 1.1", _ => HostileRequest.Xml(Soap.S11, "<?hostile run?>" + Envelope(Soap.S11, "", GetStatus()), GetStatusAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "processing instruction in the Body, SOAP 1.1", _ => Plain(Soap.S11, "", "<?hostile run?>" + GetStatus(), GetStatusAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "processing instruction in the Header is ignored, SOAP 1.2", _ => Plain(Soap.S12, "<?hostile run?>", GetStatus(), GetStatusAction), Spec.StatusReply(Soap.S12, Wsa.None));
        yield return Case(G, "processing instruction in the Body is ignored, SOAP 1.2", _ => Plain(Soap.S12, "", "<?hostile run?>" + GetStatus(), GetStatusAction), Spec.StatusReply(Soap.S12, Wsa.None));

        // Comments and CDATA are legal XML: served as if they were not there.
        yield return Case(G, "comment before the Envelope", _ => HostileRequest.Xml(Soap.S11, "<!-- hostile -->" + Envelope(Soap.S11, "", GetStatus()), GetStatusAction), Spec.StatusReply(Soap.S11, Wsa.None));
        yield return Case(G, "comment inside the wsa:Action value", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, $"<a:Action s:mustUnderstand=\"1\">urn:duplexbus:samples/WorkService/<!-- hostile -->GetStatus</a:Action>{MessageId(Wsa.V10)}{To(Wsa.V10, ctx.Service)}", GetStatus()), null), Spec.StatusReply(Soap.S12, Wsa.V10));
        yield return Case(G, "comment between Header and Body", _ => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, "<h:X xmlns:h=\"urn:hostile\"/>", GetStatus()).Replace("</s:Header>", "</s:Header><!-- hostile -->", StringComparison.Ordinal), GetStatusAction), Spec.StatusReply(Soap.S11, Wsa.None));
        yield return Case(G, "comment inside a Guid parameter", _ => Plain(Soap.S12, "", $"<GetStatus xmlns=\"urn:duplexbus:samples\"><instanceId>{Guid.NewGuid().ToString()[..8]}<!-- hostile -->{Guid.NewGuid().ToString()[8..]}</instanceId></GetStatus>", GetStatusAction), Spec.StatusReply(Soap.S12, Wsa.None));
        yield return Case(G, "wsa:Action in CDATA", ctx => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, $"<a:Action s:mustUnderstand=\"1\"><![CDATA[{GetStatusAction}]]></a:Action>{MessageId(Wsa.V10)}{To(Wsa.V10, ctx.Service)}", GetStatus()), null), Spec.StatusReply(Soap.S12, Wsa.V10));
        yield return Case(G, "markup hidden in CDATA where a Guid belongs", _ => Plain(Soap.S11, "", "<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId><![CDATA[<x/>]]></instanceId><index>1</index><value>v</value></AddItem>", AddItemAction), Spec.DeserializationFailed(Soap.S11, Wsa.None));

        // More than one root.
        yield return Case(G, "two Envelopes", _ => HostileRequest.Xml(Soap.S11, PlainAddItem(Soap.S11) + PlainAddItem(Soap.S11), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "text after the Envelope", _ => HostileRequest.Xml(Soap.S12, PlainAddItem(Soap.S12) + "trailing", AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "an element after the Envelope", _ => HostileRequest.Xml(Soap.S11, PlainAddItem(Soap.S11) + "<x/>", AddItemAction), Spec.Malformed(Soap.S11));

        // Not well-formed in other ways.
        yield return Case(G, "reference to an undeclared entity", _ => HostileRequest.Xml(Soap.S11, PlainAddItem(Soap.S11, "&nope;"), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "undeclared prefix", _ => HostileRequest.Xml(Soap.S12, Envelope(Soap.S12, "<z:H/>", AddItem(Guid.NewGuid(), 1)), AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "mismatched end tag", _ => HostileRequest.Xml(Soap.S11, PlainAddItem(Soap.S11).Replace("</index>", "</indx>", StringComparison.Ordinal), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "XML 1.1 declaration", _ => HostileRequest.Xml(Soap.S11, "<?xml version=\"1.1\"?>" + PlainAddItem(Soap.S11), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "XML declaration after whitespace", _ => HostileRequest.Xml(Soap.S12, " <?xml version=\"1.0\"?>" + PlainAddItem(Soap.S12), AddItemAction), Spec.Malformed(Soap.S12));
        yield return Case(G, "attribute value without quotes", _ => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, "<h:X xmlns:h=\"urn:hostile\" a=1/>", AddItem(Guid.NewGuid(), 1)), AddItemAction), Spec.Malformed(Soap.S11));
        yield return Case(G, "'<' inside an attribute value", _ => HostileRequest.Xml(Soap.S11, Envelope(Soap.S11, "<h:X xmlns:h=\"urn:hostile\" a=\"<\"/>", AddItem(Guid.NewGuid(), 1)), AddItemAction), Spec.Malformed(Soap.S11));
    }

    /// <summary>A plain AddItem; its value is <paramref name="value"/> verbatim (entity references and markers included).</summary>
    private static string PlainAddItem(Soap soap, string value = "v") =>
        Envelope(soap, "", $"<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{Guid.NewGuid()}</instanceId><index>1</index><value>{value}</value></AddItem>");

    private static string BillionLaughs(Soap soap)
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
            entities.Append($"<!ENTITY lol{i} \"{Repeat($"&lol{i - 1};", 10)}\">");
        return $"<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [{entities}]>" + PlainAddItem(soap, "&lol9;");
    }

    /// <summary>An AddItem whose value holds <paramref name="levels"/> nested elements: Envelope, Body, AddItem and value are 4 more.</summary>
    private static string Nested(Soap soap, int levels) => PlainAddItem(soap, Repeat("<x>", levels) + Repeat("</x>", levels));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The UTF-8 bytes of <paramref name="xml"/> with the marker "@@" replaced by raw bytes.</summary>
    private static byte[] Spliced(string xml, byte[] raw)
    {
        var at = xml.IndexOf("@@", StringComparison.Ordinal);
        return [.. Utf8(xml[..at]), .. raw, .. Utf8(xml[(at + 2)..])];
    }
}
