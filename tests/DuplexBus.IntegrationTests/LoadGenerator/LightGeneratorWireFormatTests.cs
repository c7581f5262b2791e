using System.Text.RegularExpressions;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing.LightRm;
using Xunit.Abstractions;

namespace DuplexBus.IntegrationTests.LoadGenerator;

/// <summary>
/// The light load generator (the benchmark's <c>edge-light</c>) against the real WCF client it stands in for: each runs
/// one one-way WS-RM 1.1 session (SOAP 1.2, WS-Addressing 1.0, ordered; CreateSequence, AddItem 1..3, CloseSequence,
/// TerminateSequence) against its own <see cref="RmStub"/>, and the two captures must match: the HTTP framing, the
/// envelope's namespaces, the headers in order with their mustUnderstand, the body; then the bytes themselves, apart
/// from identifiers and the stub's address. (Not compared: WCF also sends Accept-Encoding and Cache-Control, which ask
/// nothing of a SOAP endpoint.)
/// </summary>
public sealed partial class LightGeneratorWireFormatTests(ITestOutputHelper output)
{
    private const int Items = 3;
    private const string Value = "benchmark";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_light_generator_sends_what_the_WCF_client_sends_in_a_one_way_WS_RM_11_session()
    {
        await using var wcfStub = await RmStub.StartAsync();
        await RmSession.RunAsync<IOneWayWorkService>(
            RmClientBinding.Find("RM 1.1 Soap12WSAddressing10 ordered").Create(), wcfStub.ServiceUri, Items, (c, instance, index) => c.AddItem(instance, index, Value), Timeout);

        await using var lightStub = await RmStub.StartAsync();
        using (var generator = await LightRmGenerator.OpenAsync(lightStub.ServiceUri, sessions: 1, Value))
        {
            for (var n = 1; n <= Items; n++)
                Assert.True(await generator.SendAsync(0), string.Join(Environment.NewLine, generator.Errors));
            await generator.EndAsync();
            Assert.Empty(generator.Errors);
        }

        var wcf = Captured(wcfStub);
        var light = Captured(lightStub);
        foreach (var (name, exchanges) in new[] { ("WCF client", wcf), ("light generator", light) })
        {
            output.WriteLine($"===== {name}");
            foreach (var exchange in exchanges)
                output.WriteLine($"{Shape(exchange)}{Environment.NewLine}{exchange.RequestText}");
        }

        // The same requests in the same order; then each one's shape, and its bytes (one at a time, so a failure shows where).
        Assert.Equal(wcf.Select(e => e.ShortAction), light.Select(e => e.ShortAction));
        foreach (var (expected, actual) in wcf.Zip(light))
            Assert.Equal(Shape(expected), Shape(actual));
        foreach (var (expected, actual) in wcf.Zip(light))
            Assert.Equal(Normalized(expected, wcfStub), Normalized(actual, lightStub));
        // Each session is one instance.
        Assert.Single(light.SelectMany(e => e.Request.Descendants(XName.Get("instanceId", "urn:duplexbus:samples"))).Select(i => i.Value).Distinct());
    }

    /// <summary>
    /// The exchanges in protocol order: CreateSequence, the messages by number, the rest as they came. A retransmission
    /// (an ack slow enough to look lost to WCF on a busy machine) is dropped.
    /// </summary>
    private static List<RmExchange> Captured(RmStub stub) =>
    [
        .. stub.Exchanges
            .OrderBy(e => e.Action == LightRmNames.CreateSequence ? 0 : e.MessageNumber ?? long.MaxValue)
            .DistinctBy(e => (e.Action, e.MessageNumber)),
    ];

    /// <summary>Everything the comparison covers about one request except its bytes, one line per part.</summary>
    private static string Shape(RmExchange e)
    {
        var lines = new List<string>
        {
            $"{e.ShortAction}{(e.MessageNumber is { } n ? $" #{n}" : "")} -> {e.Status}",
            $"  {e.RequestProtocol}; Content-Type: {e.ContentType}; SOAPAction: {e.SoapAction ?? "(none)"}; {(e.RequestContentLength is null ? "chunked" : "Content-Length")}",
            $"  envelope {Written(e.Request)} declaring {string.Join(" ", e.Request.Attributes().Where(a => a.IsNamespaceDeclaration).Select(a => $"{a.Name.LocalName}={a.Value}"))}",
        };
        var soap = e.Request.Name.Namespace;
        foreach (var header in e.Request.Element(soap + "Header")!.Elements())
            lines.Add($"  header {Written(header)} mustUnderstand={header.Attribute(soap + "mustUnderstand")?.Value ?? "(none)"} ({Children(header)})");
        lines.AddRange(e.Request.Element(soap + "Body")!.Elements().Select(body => $"  body {Written(body)} ({Children(body)})"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The element's name as written (prefix:local, or local in a default namespace) and its namespace.</summary>
    private static string Written(XElement element) =>
        $"{WrittenName(element)} in {element.Name.NamespaceName}";

    private static string Children(XElement element) => string.Join(",", element.Elements().Select(WrittenName));

    private static string WrittenName(XElement element) =>
        element.GetPrefixOfNamespace(element.Name.Namespace) is { Length: > 0 } prefix ? $"{prefix}:{element.Name.LocalName}" : element.Name.LocalName;

    /// <summary>The request's bytes with every GUID (sequence, MessageID, instance) and the stub's address replaced.</summary>
    private static string Normalized(RmExchange e, RmStub stub) =>
        Guid().Replace(e.RequestText.Replace(stub.ServiceUri.AbsoluteUri, "{service}", StringComparison.Ordinal), "{guid}");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
