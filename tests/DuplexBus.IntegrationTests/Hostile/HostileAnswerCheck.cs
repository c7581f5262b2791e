using System.Xml;
using System.Xml.Linq;
using static DuplexBus.IntegrationTests.Hostile.HostileNames;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>Compares an answer with what a case expects; returns every difference, not just the first.</summary>
public static class HostileAnswerCheck
{
    public static IEnumerable<string> Problems(Expect expect, HostileAnswer answer)
    {
        if (answer.Status != expect.Status)
            yield return $"HTTP {answer.Status}, expected {expect.Status}";
        if (expect.Status is 415 or 413 or 401)
            yield break;
        if (expect.Status == 202)
        {
            if (answer.Body.Length > 0)
                yield return $"a 202 with a body: {Shorten(answer.Body)}";
            yield break;
        }

        var media = expect.Soap == Soap.S12 ? "application/soap+xml" : "text/xml";
        if (answer.MediaType != media)
            yield return $"Content-Type {answer.MediaType ?? "(none)"}, expected {media}";
        if (Parse(answer.Body) is not { } envelope)
        {
            yield return $"the answer is not XML: {Shorten(answer.Body)}";
            yield break;
        }
        var soap = Of(expect.Soap);
        if (envelope.Name != soap + "Envelope")
        {
            yield return $"the answer's root is {envelope.Name}, expected a {Label(expect.Soap)} Envelope";
            yield break;
        }

        var header = envelope.Element(soap + "Header");
        var actions = header?.Elements().Where(e => e.Name == Wsa10 + "Action" || e.Name == Wsa04 + "Action").Select(e => e.Value.Trim()).ToList() ?? [];
        if (expect.Action is null && actions.Count > 0)
            yield return $"Action '{actions[0]}', expected none";
        else if (expect.Action is not null && (actions.Count != 1 || actions[0] != expect.Action))
            yield return $"Action '{string.Join("', '", actions)}', expected '{expect.Action}'";

        var body = envelope.Element(soap + "Body");
        var first = body?.Elements().FirstOrDefault();
        if (expect.Fault is { } fault)
        {
            if (first?.Name != soap + "Fault")
            {
                yield return $"no Fault in the answer: {Shorten(answer.Body)}";
                yield break;
            }
            foreach (var problem in FaultProblems(fault, expect.Soap, envelope, first))
                yield return problem;
        }
        else
        {
            if (first?.Name == soap + "Fault")
                yield return $"a fault, expected {expect.Describe()}: {Describe(first, expect.Soap)} — {Reason(first)}";
            if (expect.ReplyElement is { } reply && first?.Name.LocalName != reply)
                yield return $"reply {first?.Name.LocalName ?? "(empty body)"}, expected {reply}";
            if (expect.AckFinal)
            {
                var ack = header?.Elements().FirstOrDefault(e => e.Name.LocalName == "SequenceAcknowledgement");
                if (ack is null)
                    yield return "no SequenceAcknowledgement header";
                else if (ack.Element(ack.Name.Namespace + "Final") is null)
                    yield return "the SequenceAcknowledgement has no Final";
            }
        }
    }

    private static IEnumerable<string> FaultProblems(FaultShape expected, Soap version, XElement envelope, XElement fault)
    {
        var soap = Of(version);
        var described = Describe(fault, version);
        if (version == Soap.S12)
        {
            var chain = new List<XName>();
            var value = fault.Element(soap + "Code")?.Element(soap + "Value");
            var top = value is null ? null : QName(value);
            for (var code = fault.Element(soap + "Code")?.Element(soap + "Subcode"); code is not null; code = code.Element(soap + "Subcode"))
                chain.Add(QName(code.Element(soap + "Value")!));
            var expectedTop = soap + expected.Code.ToString();
            var chainOk = expected.OpenEnded
                ? chain.Count >= expected.Subcodes.Length && chain.Take(expected.Subcodes.Length).SequenceEqual(expected.Subcodes)
                : chain.SequenceEqual(expected.Subcodes);
            if (top != expectedTop || !chainOk)
                yield return $"fault {described}, expected {expected.Describe()} — {Reason(fault)}";
            if (expected.DetailElement is { } detail && !(fault.Element(soap + "Detail")?.Descendants(detail).Any() ?? false))
                yield return $"the fault's Detail has no {detail.LocalName}";
            yield break;
        }

        var faultcode = fault.Element("faultcode") is { } element ? QName(element) : null;
        XName expectedCode = expected.Code switch
        {
            TopCode.MustUnderstand => Soap11 + "MustUnderstand",
            TopCode.VersionMismatch => Soap11 + "VersionMismatch",
            _ when expected.SequenceFault => Soap11 + (expected.Code == TopCode.Receiver ? "Server" : "Client"),
            _ when !expected.Subcodes.IsEmpty => expected.Subcodes[0],
            TopCode.Receiver => Soap11 + "Server",
            _ => Soap11 + "Client",
        };
        if (faultcode != expectedCode)
            yield return $"faultcode {faultcode}, expected {expectedCode} ({expected.Describe()}) — {Reason(fault)}";

        if (expected.SequenceFault)
        {
            var rm = expected.Subcodes[0].Namespace;
            var sequenceFault = envelope.Element(Soap11 + "Header")?.Element(rm + "SequenceFault");
            var code = sequenceFault?.Element(rm + "FaultCode");
            if (code is null)
                yield return $"no {rm.NamespaceName} SequenceFault header naming the fault";
            else if (QName(code) != expected.Subcodes[0])
                yield return $"SequenceFault names {QName(code)}, expected {expected.Subcodes[0]}";
            else if (expected.DetailElement is { } detail && !sequenceFault!.Descendants(detail).Any())
                yield return $"the SequenceFault header has no {detail.LocalName}";
        }
        else if (expected.DetailElement is { } detail && !(fault.Element("detail")?.Descendants(detail).Any() ?? false))
        {
            yield return $"the fault's detail has no {detail.LocalName}";
        }
    }

    public static string Describe(XElement fault, Soap version)
    {
        var soap = Of(version);
        if (version == Soap.S11)
        {
            var code = fault.Element("faultcode") is { } element ? QName(element) : null;
            var header = fault.Parent?.Parent?.Element(Soap11 + "Header")?.Elements().FirstOrDefault(e => e.Name.LocalName == "SequenceFault");
            return $"{code?.LocalName}{(header?.Elements().FirstOrDefault(e => e.Name.LocalName == "FaultCode") is { } rm ? " + SequenceFault " + QName(rm).LocalName : "")}";
        }
        var names = new List<string>();
        if (fault.Element(soap + "Code")?.Element(soap + "Value") is { } value)
            names.Add(QName(value).LocalName);
        for (var sub = fault.Element(soap + "Code")?.Element(soap + "Subcode"); sub is not null; sub = sub.Element(soap + "Subcode"))
            names.Add(QName(sub.Element(soap + "Value")!).LocalName);
        return string.Join("/", names);
    }

    private static XElement? Parse(string text)
    {
        try
        {
            return XElement.Parse(text);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string Reason(XElement fault) =>
        Shorten(fault.Descendants().FirstOrDefault(e => e.Name.LocalName is "faultstring" or "Text")?.Value ?? "", 160);

    private static XName QName(XElement element)
    {
        var text = element.Value.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return XName.Get(text, element.GetDefaultNamespace().NamespaceName);
        var ns = element.GetNamespaceOfPrefix(text[..colon]);
        return ns is null ? XName.Get(text[(colon + 1)..], "(undeclared " + text[..colon] + ")") : ns + text[(colon + 1)..];
    }

    private static string Shorten(string text, int length = 300) => text.Length <= length ? text : text[..length] + "…";
}
