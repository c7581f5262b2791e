using System.Xml.Linq;
using static DuplexBus.IntegrationTests.Hostile.HostileNames;
using static DuplexBus.IntegrationTests.Hostile.HostileWire;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// Generated cases: five valid templates, each mutated mechanically — every element dropped in turn, every header
/// duplicated, every text value made empty, huge or garbage, every element moved to a namespace nobody knows — with
/// the expected answer computed by a rule per template and element. A mutation the rule finds still valid (an
/// optional element dropped, a string parameter changed) or one no spec names an outcome for is left out.
/// </summary>
public static partial class HostileCorpus
{
    private enum MutationKind
    {
        Drop,
        Duplicate,
        Empty,
        Huge,
        Garbage,
        Namespace,
    }

    private static readonly string Huge = new('9', 20_000);
    private const string Garbage = "\u2603 hostile <&> value";

    private sealed record Template(string Name, Soap Soap, string? HttpAction, Func<CaseContext, string> Xml, Func<string, MutationKind, Expect?> Rule, SequenceSetup? Target = null);

    private static IEnumerable<HostileCase> MutationCases()
    {
        Template[] templates =
        [
            new("plain AddItem SOAP 1.1", Soap.S11, AddItemAction, _ => Envelope(Soap.S11, "", AddItem(Guid.NewGuid(), 1)), PlainAddItemRule),
            new("CreateSequence RM 1.0 SOAP 1.2", Soap.S12, null,
                ctx => Envelope(Soap.S12, Action(Wsa.V10, RmAction(Rm.V10, "CreateSequence")) + MessageId(Wsa.V10) + To(Wsa.V10, ctx.Service), CreateSequence(Rm.V10, Wsa.V10, Wsa10Anonymous, NewId())),
                (path, kind) => CreateSequenceRule(Soap.S12, Rm.V10, path, kind)),
            new("CreateSequence RM 1.1 SOAP 1.1", Soap.S11, RmAction(Rm.V11, "CreateSequence"),
                ctx => Envelope(Soap.S11, Action(Wsa.V10, RmAction(Rm.V11, "CreateSequence")) + MessageId(Wsa.V10) + To(Wsa.V10, ctx.Service), CreateSequence(Rm.V11, Wsa.V10, Wsa10Anonymous, NewId())),
                (path, kind) => CreateSequenceRule(Soap.S11, Rm.V11, path, kind)),
            new("sequence message RM 1.0 SOAP 1.2", Soap.S12, null,
                ctx => Envelope(Soap.S12, Action(Wsa.V10, AddItemAction) + MessageId(Wsa.V10) + To(Wsa.V10, ctx.Service) + Sequence(Rm.V10, ctx.Id, "2"), AddItem(Guid.NewGuid(), 2)),
                (path, kind) => SequenceMessageRule(Soap.S12, Rm.V10, path, kind), Seq(Rm.V10, Soap.S12)),
            new("sequence message RM 1.1 SOAP 1.1", Soap.S11, AddItemAction,
                ctx => Envelope(Soap.S11, Action(Wsa.V10, AddItemAction) + To(Wsa.V10, ctx.Service) + Sequence(Rm.V11, ctx.Id, "2"), AddItem(Guid.NewGuid(), 2)),
                (path, kind) => SequenceMessageRule(Soap.S11, Rm.V11, path, kind), Seq(Rm.V11, Soap.S11)),
        ];

        var sample = new CaseContext("http://127.0.0.1:1/services/work", new SequenceRef(Seq(Rm.V10, Soap.S12), "urn:uuid:sample", "urn:uuid:offer", "urn:uuid:create"));
        foreach (var template in templates)
        {
            var root = XElement.Parse(template.Xml(sample));
            foreach (var element in root.DescendantsAndSelf())
            {
                var path = PathOf(element);
                foreach (var kind in KindsFor(element))
                {
                    if (template.Rule(path, kind) is not { } expect)
                        continue;
                    yield return Case(MutationGroup, $"{template.Name}: {Describe(kind)} {path}", ctx => Mutate(template, ctx, path, kind), expect, template.Target);
                }
            }
        }
    }

    private static IEnumerable<MutationKind> KindsFor(XElement element)
    {
        if (element.Parent is not null)
            yield return MutationKind.Drop;
        if (element.Parent?.Name.LocalName == "Header" && element.Parent.Parent?.Parent is null)
            yield return MutationKind.Duplicate;
        if (!element.HasElements && element.Value.Length > 0)
        {
            yield return MutationKind.Empty;
            yield return MutationKind.Huge;
            yield return MutationKind.Garbage;
        }
        yield return MutationKind.Namespace;
    }

    private static string Describe(MutationKind kind) => kind switch
    {
        MutationKind.Drop => "drop",
        MutationKind.Duplicate => "duplicate",
        MutationKind.Empty => "empty text of",
        MutationKind.Huge => "20000 digits in",
        MutationKind.Garbage => "garbage text in",
        _ => "unknown namespace on",
    };

    /// <summary>The element's local names below the Envelope, e.g. "Header/Sequence/MessageNumber"; "Envelope" for the root.</summary>
    private static string PathOf(XElement element) =>
        element.Parent is null ? "Envelope" : string.Join("/", element.AncestorsAndSelf().Reverse().Skip(1).Select(e => e.Name.LocalName));

    private static HostileRequest Mutate(Template template, CaseContext ctx, string path, MutationKind kind)
    {
        var root = XElement.Parse(template.Xml(ctx));
        var element = root.DescendantsAndSelf().Single(e => PathOf(e) == path);
        switch (kind)
        {
            case MutationKind.Drop:
                element.Remove();
                break;
            case MutationKind.Duplicate:
                element.AddAfterSelf(new XElement(element));
                break;
            case MutationKind.Empty:
                element.Value = "";
                break;
            case MutationKind.Huge:
                element.Value = Huge;
                break;
            case MutationKind.Garbage:
                element.Value = Garbage;
                break;
            case MutationKind.Namespace:
                element.Attributes().Where(a => a.IsNamespaceDeclaration && a.Name.LocalName == "xmlns").Remove();
                element.Name = Changed + element.Name.LocalName;
                break;
        }
        return HostileRequest.Xml(template.Soap, root.ToString(SaveOptions.DisableFormatting), template.HttpAction);
    }

    private static bool IsText(MutationKind kind) => kind is MutationKind.Empty or MutationKind.Huge or MutationKind.Garbage;

    /// <summary>Plain SOAP 1.1 AddItem: every parameter is required; value is a string, so any text is valid.</summary>
    private static Expect? PlainAddItemRule(string path, MutationKind kind) => path switch
    {
        "Envelope" => Spec.VersionMismatch(Soap.S11),
        "Body" => Spec.Malformed(Soap.S11),
        "Body/AddItem/value" when IsText(kind) => null,
        _ => Spec.DeserializationFailed(Soap.S11, Wsa.None),
    };

    /// <summary>The envelope and addressing headers, alike for every addressed template.</summary>
    private static Expect? AddressingRule(Soap soap, string path, MutationKind kind, Func<Expect?> messageIdMissing) => (path, kind) switch
    {
        ("Envelope", _) => Spec.VersionMismatch(soap),
        ("Header", MutationKind.Namespace) or ("Body", _) => Spec.Malformed(soap),
        (_, MutationKind.Duplicate) when path is "Header/Action" or "Header/MessageID" or "Header/To" => Spec.InvalidHeader(soap, Wsa.V10, "InvalidCardinality"),
        ("Header/Action", MutationKind.Drop or MutationKind.Empty) => Spec.HeaderRequired(soap, Wsa.V10),
        // SOAP 1.1 still carries the template's SOAPAction, which the new wsa:Action no longer matches.
        ("Header/Action", MutationKind.Huge or MutationKind.Garbage) => soap == Soap.S11 ? Spec.InvalidHeader(soap, Wsa.V10, "ActionMismatch") : Spec.ActionNotSupported(soap, Wsa.V10),
        ("Header/Action" or "Header/To", MutationKind.Namespace) => Spec.MustUnderstand(soap, Wsa.V10),
        ("Header/To", MutationKind.Drop) => null,
        ("Header/To", _) => Spec.DestinationUnreachable(soap, Wsa.V10),
        ("Header/MessageID", MutationKind.Drop or MutationKind.Namespace) => messageIdMissing(),
        ("Header/MessageID", MutationKind.Empty) => Spec.InvalidHeader(soap, Wsa.V10, null),
        _ => null,
    };

    private static Expect? CreateSequenceRule(Soap soap, Rm rm, string path, MutationKind kind)
    {
        var refused = Spec.CreateSequenceRefused(soap, Wsa.V10, rm);
        var body = path.StartsWith("Body/", StringComparison.Ordinal) ? path["Body/CreateSequence".Length..] : null;
        return (path, body, kind) switch
        {
            // Without any WS-Addressing header the RM layer asks for one (B1601); the fault cannot be addressed.
            ("Header", _, MutationKind.Drop) => Spec.HeaderRequired(soap, Wsa.V10, action: null),
            ("Header/MessageID", _, MutationKind.Huge) => refused,
            // B1601: a CreateSequence without a MessageID (a renamed one is no MessageID) asks for the header.
            (_, null, _) => AddressingRule(soap, path, kind, () => Spec.HeaderRequired(soap, Wsa.V10)),
            (_, "" or "/AcksTo" or "/AcksTo/Address" or "/Offer/Endpoint", _) => refused,
            (_, "/Offer", _) => null,
            (_, "/Offer/Identifier", MutationKind.Garbage) => null,
            (_, "/Offer/Identifier", _) => refused,
            (_, "/Offer/Endpoint/Address", MutationKind.Huge or MutationKind.Garbage) => Spec.EndpointUnavailable(soap, Wsa.V10),
            (_, "/Offer/Endpoint/Address", _) => refused,
            (_, "/Offer/IncompleteSequenceBehavior", _) when IsText(kind) => refused,
            _ => null,
        };
    }

    private static Expect? SequenceMessageRule(Soap soap, Rm rm, string path, MutationKind kind) => (path, kind) switch
    {
        // Without headers the message is plain SOAP: SOAP 1.1 still has its SOAPAction (valid, left out); SOAP 1.2 has no action.
        ("Header", MutationKind.Drop) => soap == Soap.S12 ? Spec.ActionNotSupported(soap, Wsa.None) : null,
        ("Header/Sequence", MutationKind.Namespace) => Spec.MustUnderstand(soap, Wsa.V10),
        ("Header/Sequence", _) => null,
        ("Header/Sequence/Identifier", MutationKind.Huge or MutationKind.Garbage) => Spec.Sequence(soap, Wsa.V10, rm, "UnknownSequence"),
        ("Header/Sequence/Identifier", _) => Spec.Sequence(soap, Wsa.V10, rm, "SequenceTerminated"),
        ("Header/Sequence/MessageNumber", MutationKind.Huge) => Spec.Sequence(soap, Wsa.V10, rm, "MessageNumberRollover"),
        ("Header/Sequence/MessageNumber", _) => Spec.Sequence(soap, Wsa.V10, rm, "SequenceTerminated").Terminating(),
        ("Body/AddItem/value", _) when IsText(kind) => null,
        // Item 5: a body that does not match, or an action no operation has, inside an open sequence is acknowledged and parked.
        _ when path.StartsWith("Body/", StringComparison.Ordinal) => Spec.AcknowledgedAndParked(soap, rm),
        ("Header/Action", MutationKind.Huge or MutationKind.Garbage) when soap == Soap.S12 => Spec.AcknowledgedAndParked(soap, rm),
        // A one-way sequence message needs no MessageID: without one it is still valid (left out).
        _ => AddressingRule(soap, path, kind, () => null),
    };
}
