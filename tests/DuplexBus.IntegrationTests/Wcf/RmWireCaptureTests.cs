using System.ServiceModel.Channels;
using Xunit.Abstractions;

namespace DuplexBus.IntegrationTests.Wcf;

/// <summary>
/// The real WCF client through a complete reliable session (open, AddItem 1..3, close) against the hand-written
/// destination <see cref="RmStub"/>: proves the client completes against it on this platform, and pins what it sends.
/// Each captured exchange (request and answer envelopes) is printed to the test output.
/// </summary>
public sealed class RmWireCaptureTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory, MemberData(nameof(RmClientBinding.All), MemberType = typeof(RmClientBinding))]
    public async Task A_one_way_contract_runs_an_output_session(string name)
    {
        var configuration = RmClientBinding.Find(name);
        var binding = configuration.Create();
        await using var stub = await RmStub.StartAsync();

        await RmSession.OneWayAsync(binding, stub.ServiceUri, items: 3, Timeout);

        AssertShape(Expected(configuration.RmVersion, binding.MessageVersion, requestSession: false), stub);
    }

    [Theory, MemberData(nameof(RmClientBinding.All), MemberType = typeof(RmClientBinding))]
    public async Task A_contract_with_a_request_reply_operation_runs_a_request_session_even_for_one_way_calls(string name)
    {
        var configuration = RmClientBinding.Find(name);
        var binding = configuration.Create();
        await using var stub = await RmStub.StartAsync();

        await RmSession.RequestSessionAsync(binding, stub.ServiceUri, items: 3, Timeout);

        AssertShape(Expected(configuration.RmVersion, binding.MessageVersion, requestSession: true), stub);
    }

    /// <summary>One line per request: action, message number, SOAP headers (sorted), body shape, and the status it was answered with.</summary>
    private static List<string> Expected(string rmVersion, MessageVersion version, bool requestSession)
    {
        var rm = rmVersion == RmClientBinding.Rm10 ? "rm10" : "rm11";
        var wsa = version.Addressing == AddressingVersion.WSAddressing10 ? "wsa10" : "wsa04";
        // WS-Addressing 2004/08 has no default reply endpoint, so every request that expects an answer names the anonymous one.
        var replyTo = wsa == "wsa04" ? $",{wsa}:ReplyTo" : "";
        var addressed = $"{wsa}:Action,{wsa}:MessageID{replyTo},{wsa}:To";
        var ackOfOffer = requestSession ? $"{rm}:SequenceAcknowledgement," : "";
        var offer = requestSession ? ",Offer" : "";

        var lines = new List<string> { $"{rm}:CreateSequence [{Sorted(addressed)}] {rm}:CreateSequence(AcksTo{offer}) -> 200" };
        for (var n = 1; n <= 3; n++)
            lines.Add($"AddItem #{n} [{Sorted($"{rm}:Sequence,{wsa}:Action,{wsa}:To")}] {{urn:duplexbus:samples}}AddItem(instanceId,index,value) -> 200");

        if (rm == "rm10")
        {
            lines.Add($"rm10:LastMessage #4 [{Sorted($"rm10:Sequence,{wsa}:Action,{wsa}:To")}] (empty) -> 200");
            lines.Add(requestSession
                ? $"rm10:TerminateSequence [{Sorted(ackOfOffer + addressed)}] rm10:TerminateSequence(Identifier) -> 200"
                : $"rm10:TerminateSequence [{Sorted($"{wsa}:Action,{wsa}:To")}] rm10:TerminateSequence(Identifier) -> 202");
        }
        else
        {
            lines.Add($"rm11:CloseSequence [{Sorted(ackOfOffer + addressed)}] rm11:CloseSequence(Identifier,LastMsgNumber) -> 200");
            lines.Add($"rm11:TerminateSequence [{Sorted(ackOfOffer + addressed)}] rm11:TerminateSequence(Identifier,LastMsgNumber) -> 200");
        }

        return lines;
    }

    private void AssertShape(List<string> expected, RmStub stub)
    {
        var exchanges = stub.Exchanges;
        foreach (var exchange in exchanges)
            output.WriteLine(exchange.Describe());

        // Concurrent sequence messages may arrive in any order, and a retransmission (after an ack slow enough to look
        // lost) repeats one: compare CreateSequence, then the sequence messages by number, then the rest as they came.
        var observed = exchanges
            .OrderBy(e => e.ShortAction.EndsWith(":CreateSequence", StringComparison.Ordinal) ? 0 : e.MessageNumber ?? long.MaxValue)
            .Select(Shape)
            .Distinct()
            .ToList();
        Assert.Equal(expected, observed);
        foreach (var exchange in exchanges)
            AssertHttpHeaders(exchange);

        // One sequence, numbered from 1 (1.0 adds the empty LastMessage as number 4).
        var sequenceId = Assert.Single(stub.SequenceIds);
        var numbers = expected.Count(line => line.Contains(" #", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, numbers).Select(n => (long)n), stub.Received(sequenceId).Distinct().Order());

        // An offer names the reply sequence; WS-RM 1.1 adds where it goes (anonymous) and what to do after a gap.
        var createSequence = exchanges.First(e => e.ShortAction.EndsWith(":CreateSequence", StringComparison.Ordinal));
        var offer = createSequence.Request.Descendants().SingleOrDefault(e => e.Name.LocalName == "Offer");
        if (offer is not null)
        {
            var children = offer.Elements().Select(e => e.Name.LocalName);
            Assert.Equal(offer.Name.Namespace == RmNames.Rm10 ? ["Identifier"] : ["Identifier", "Endpoint", "IncompleteSequenceBehavior"], children);
        }
    }

    private static void AssertHttpHeaders(RmExchange exchange)
    {
        if (exchange.Request.Name.Namespace == RmNames.Soap11)
        {
            Assert.Equal("text/xml; charset=utf-8", exchange.ContentType);
            Assert.Equal($"\"{exchange.Action}\"", exchange.SoapAction);
        }
        else
        {
            // No action parameter: a SOAP 1.2 request names its action only in the wsa:Action header.
            Assert.Equal("application/soap+xml; charset=utf-8", exchange.ContentType);
            Assert.Null(exchange.SoapAction);
        }
    }

    private static string Shape(RmExchange e) =>
        $"{e.ShortAction}{(e.MessageNumber is { } n ? $" #{n}" : "")} [{Sorted(string.Join(",", e.HeaderNames))}] {e.BodyShape} -> {e.Status}";

    private static string Sorted(string names) => string.Join(",", names.Split(',').Order(StringComparer.Ordinal));
}
