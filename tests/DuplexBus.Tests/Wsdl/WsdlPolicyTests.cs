using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using DuplexBus.Protocol.Wsdl;

namespace DuplexBus.Tests.Wsdl;

/// <summary>
/// The policy of each kind of binding, compared with golden files after normalisation (WCF's assertions: B3001-B3002
/// for WS-RM 1.0, ReliableSessionBindingElement's export for 1.1, ContextBindingElement's for context exchange), and
/// valid against the WS-Policy and WS-RM Policy shapes.
/// </summary>
public sealed class WsdlPolicyTests
{
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "Wsdl", "Golden");

    public static TheoryData<string, bool, int?, bool> Policies => new()
    {
        { "plain-soap11-context", false, null, true },
        { "plain-soap12-context", true, null, true },
        { "plain-soap12", true, null, false },
        { "rm10-soap12-context", true, 10, true },
        { "rm10-soap12", true, 10, false },
        { "rm11-soap12-context", true, 11, true },
        { "rm11-soap12", true, 11, false },
    };

    private static XElement PolicyOf(bool soap12, int? rm, bool context)
    {
        var kind = new WsdlBindingKind(soap12, rm);
        return WsdlPolicy.For(kind, kind.Name("WorkService"), new WsdlEndpoint { ContextExchange = context });
    }

    [Theory, MemberData(nameof(Policies))]
    [Trait("Spec", "WCF B3001-B3002")]
    public void Policy_matches_its_golden_file(string golden, bool soap12, int? rm, bool context) =>
        Assert.Equal(Normalise(XElement.Load(Path.Combine(Golden, golden + ".xml"))), Normalise(PolicyOf(soap12, rm, context)));

    [Theory, MemberData(nameof(Policies))]
    public void Policy_is_valid_against_the_ws_policy_and_ws_rm_policy_schemas(string golden, bool soap12, int? rm, bool context)
    {
        _ = golden;
        var schemas = new XmlSchemaSet();
        foreach (var file in new[] { "WsPolicy.xsd", "PolicySchemas.xsd", "PolicySchemas11.xsd" })
            schemas.Add(null, Path.Combine(Golden, file));
        var errors = new List<string>();
        new XDocument(PolicyOf(soap12, rm, context)).Validate(schemas, (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
                errors.Add(e.Message);
        });
        Assert.Empty(errors);
    }

    [Fact]
    public void Plain_soap11_without_context_has_no_policy()
    {
        var document = WsdlGenerator.Generate(DuplexBus.Protocol.Contracts.ContractReader.Read(typeof(DuplexBus.Samples.ServiceContracts.Work.IWorkService)), new WsdlEndpoint { ContextExchange = false });
        var binding = document.Render(WsdlSamples.Address, single: true).Root!.Elements().First(e => e.Name.LocalName == "binding");
        Assert.DoesNotContain(binding.Elements(), e => e.Name.LocalName == "PolicyReference");
    }

    [Fact]
    public void The_endpoint_timings_and_ordering_are_what_the_rm_assertions_say()
    {
        var endpoint = new WsdlEndpoint { InactivityTimeout = TimeSpan.FromSeconds(90), AcknowledgementInterval = TimeSpan.FromMilliseconds(50), Ordered = false };
        var rm11 = WsdlPolicy.For(new WsdlBindingKind(true, 11), "b", endpoint).ToString();
        Assert.Contains("InactivityTimeout Milliseconds=\"90000\"", rm11, StringComparison.Ordinal);
        Assert.Contains("AcknowledgementInterval Milliseconds=\"50\"", rm11, StringComparison.Ordinal);
        Assert.DoesNotContain("InOrder", rm11, StringComparison.Ordinal);
    }

    /// <summary>Prefixes, declarations and whitespace are not compared: names, attributes and order are.</summary>
    private static string Normalise(XElement element) =>
        element.Name + "[" + string.Join(",", element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => a.Name + "=" + a.Value).Order(StringComparer.Ordinal)) + "]"
        + "(" + string.Join(" ", element.Elements().Select(Normalise)) + ")";
}
