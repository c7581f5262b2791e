using System.Xml.Linq;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing.LightRm;

namespace DuplexBus.IntegrationTests.LoadGenerator;

/// <summary>
/// The light generator checks every answer as the WCF client would: <see cref="RmStub"/> spoils one answer, the
/// generator counts it as an error saying what was wrong, sends the message again (as a retransmission), and goes on.
/// </summary>
public sealed class LightGeneratorAnswerChecksTests
{
    public static TheoryData<string, string, string> Spoiled => new()
    {
        // spoiled answer                        to        error names
        { "202 without an envelope",             "#2",     "HTTP 202 without an envelope" },
        { "500 with a SequenceTerminated fault", "#2",     "HTTP 500, fault s:Sender / r:SequenceTerminated: spoiled" },
        { "no wsa:Action",                       "#2",     "action (none)" },
        { "a body",                              "#2",     "a body" },
        { "the ack of another sequence",         "#2",     "0 acknowledgements of the sequence (of 1 in all)" },
        { "two acks of the sequence",            "#2",     "2 acknowledgements of the sequence" },
        { "an ack short of the message",         "#2",     "[1], expected 1-2" },
        { "an ack beyond the message",           "#2",     "[1-3], expected 1-2" },
        { "an ack with a gap",                   "#2",     "[2], expected 1-2" },
        { "an ack with a Nack",                  "#2",     "Nack 2], expected 1-2" },
        { "no Final",                            "Close",  "CloseSequence: acknowledgement" },
        { "another RelatesTo",                   "Close",  "CloseSequence: RelatesTo urn:uuid:00000000" },
        { "no Final",                            "Terminate", "TerminateSequence: acknowledgement" },
    };

    [Theory, MemberData(nameof(Spoiled))]
    public async Task A_wrong_answer_is_an_error_and_the_message_is_sent_again(string spoiled, string answerTo, string error)
    {
        var done = 0;
        await using var stub = await RmStub.StartAsync(e => Targets(e, answerTo) && Interlocked.Exchange(ref done, 1) == 0 ? Spoil(e, spoiled) : e);
        using var generator = await LightRmGenerator.OpenAsync(stub.ServiceUri, sessions: 1);

        var results = new List<bool>();
        for (var i = 0; i < 4; i++)
            results.Add(await generator.SendAsync(0));
        await generator.EndAsync();

        Assert.Equal(1, generator.ErrorCount);
        Assert.Contains(error, Assert.Single(generator.Errors), StringComparison.Ordinal);
        var session = Assert.Single(generator.Sessions);
        if (answerTo == "#2")
        {
            // #2 failed once and went again; four sends acknowledged #1..#3.
            Assert.Equal([true, false, true, true], results);
            Assert.Equal(3, session.Acknowledged);
            Assert.Equal([1, 2, 2, 3], stub.Received(session.SequenceId));
        }
        else
        {
            Assert.Equal([true, true, true, true], results);
        }
    }

    private static bool Targets(RmExchange e, string answerTo) => answerTo switch
    {
        "Close" => e.Action == LightRmNames.CloseSequence,
        "Terminate" => e.Action == LightRmNames.TerminateSequence,
        _ => e.MessageNumber == 2,
    };

    private static RmExchange Spoil(RmExchange e, string spoiled)
    {
        if (spoiled == "202 without an envelope")
            return e with { Status = 202, Response = null };
        var envelope = new XElement(e.Response!);
        var soap = envelope.Name.Namespace;
        var header = envelope.Element(soap + "Header")!;
        var ack = header.Element(RmNames.Rm11 + "SequenceAcknowledgement");
        var range = ack?.Element(RmNames.Rm11 + "AcknowledgementRange");
        var status = e.Status;
        switch (spoiled)
        {
            case "500 with a SequenceTerminated fault":
                status = 500;
                envelope.Element(soap + "Body")!.Add(new XElement(soap + "Fault",
                    new XElement(soap + "Code",
                        new XElement(soap + "Value", "s:Sender"),
                        new XElement(soap + "Subcode", new XElement(soap + "Value", new XAttribute(XNamespace.Xmlns + "r", RmNames.Rm11), "r:SequenceTerminated"))),
                    new XElement(soap + "Reason", new XElement(soap + "Text", new XAttribute(XNamespace.Xml + "lang", "en"), "spoiled"))));
                break;
            case "no wsa:Action":
                header.Element(RmNames.Wsa10 + "Action")!.Remove();
                break;
            case "a body":
                envelope.Element(soap + "Body")!.Add(new XElement("{urn:duplexbus:samples}Unexpected"));
                break;
            case "the ack of another sequence":
                ack!.Element(RmNames.Rm11 + "Identifier")!.Value = $"urn:uuid:{Guid.NewGuid()}";
                break;
            case "two acks of the sequence":
                header.Add(new XElement(ack!));
                break;
            case "an ack short of the message":
                range!.SetAttributeValue("Upper", 1);
                break;
            case "an ack beyond the message":
                range!.SetAttributeValue("Upper", 3);
                break;
            case "an ack with a gap":
                range!.SetAttributeValue("Lower", 2);
                break;
            case "an ack with a Nack":
                ack!.Add(new XElement(RmNames.Rm11 + "Nack", 2));
                break;
            case "no Final":
                ack!.Element(RmNames.Rm11 + "Final")!.Remove();
                break;
            case "another RelatesTo":
                header.Element(RmNames.Wsa10 + "RelatesTo")!.Value = $"urn:uuid:{Guid.Empty}";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spoiled), spoiled, null);
        }
        return e with { Status = status, Response = envelope };
    }
}
