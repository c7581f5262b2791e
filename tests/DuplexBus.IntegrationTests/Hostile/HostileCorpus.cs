using System.Collections.Immutable;
using static DuplexBus.IntegrationTests.Hostile.HostileWire;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// The hostile-input corpus: every case as data — a name, how to build the request, and the answer the specs name.
/// The groups live in their own files (HostileCorpus.Xml.cs, .Soap.cs, .Addressing.cs, .ReliableMessaging.cs,
/// .Mutations.cs).
/// </summary>
public static partial class HostileCorpus
{
    public const string XmlGroup = "XML";
    public const string SoapGroup = "SOAP";
    public const string AddressingGroup = "WS-Addressing";
    public const string RmGroup = "WS-RM";
    public const string MutationGroup = "Mutation";

    public static readonly ImmutableArray<string> Groups = [XmlGroup, SoapGroup, AddressingGroup, RmGroup, MutationGroup];

    private static readonly Soap[] BothSoap = [Soap.S11, Soap.S12];
    private static readonly Rm[] BothRm = [Rm.V10, Rm.V11];

    private static readonly Lazy<ImmutableArray<HostileCase>> Cases = new(Assemble);

    public static ImmutableArray<HostileCase> All => Cases.Value;

    public static HostileCase Find(string title) => All.Single(c => c.Title == title);

    public static TheoryData<HostileTitle> Titles(string group)
    {
        var data = new TheoryData<HostileTitle>();
        foreach (var c in All.Where(c => c.Group == group))
            data.Add(new HostileTitle(c.Title));
        return data;
    }

    /// <summary>Cases per group, in the order of <see cref="Groups"/>.</summary>
    public static IEnumerable<(string Group, int Count)> Tally() => Groups.Select(g => (g, All.Count(c => c.Group == g)));

    private static ImmutableArray<HostileCase> Assemble()
    {
        var cases = XmlCases().Concat(SoapCases()).Concat(AddressingCases()).Concat(RmCases()).Concat(MutationCases())
            // A case that must change its sequence gets one of its own, so no other case sees the change.
            .Select(c => c.Target is { } target && (c.Expect.Db != DbEffect.Unchanged || c.Expect.ThenSequenceTerminated)
                ? c with { Target = target with { Owner = c.Title } }
                : c)
            .ToImmutableArray();
        var duplicate = cases.GroupBy(c => c.Title).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two cases are named '{duplicate.Key}'.");
        return cases;
    }

    private static HostileCase Case(string group, string name, Func<CaseContext, HostileRequest> build, Expect expect, SequenceSetup? target = null) =>
        new(group, name, build, expect) { Target = target };

    /// <summary>Plain SOAP (no WS-Addressing): the action travels as SOAPAction (1.1) or the action parameter (1.2).</summary>
    private static HostileRequest Plain(Soap soap, string headers, string body, string? action) =>
        HostileRequest.Xml(soap, Envelope(soap, headers, body), action);

    /// <summary>An addressed request as WCF writes it; SOAP 1.1 repeats the action as SOAPAction.</summary>
    private static HostileRequest Addressed(Soap soap, Wsa wsa, CaseContext ctx, string action, string body, string extraHeaders = "", bool messageId = true) =>
        HostileRequest.Xml(soap, Envelope(soap, Addressing(wsa, action, ctx.Service, messageId) + extraHeaders, body), soap == Soap.S11 ? action : null);

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
