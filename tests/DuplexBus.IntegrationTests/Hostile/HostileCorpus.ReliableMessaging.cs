using static DuplexBus.IntegrationTests.Hostile.HostileNames;
using static DuplexBus.IntegrationTests.Hostile.HostileWire;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// WS-ReliableMessaging 1.0 and 1.1 under SOAP 1.1 and 1.2 (PROTOCOLS.md §1–2; WCF's interop rules B1601–B1603,
/// R1105; WS-RM 1.1 §4). A sequence fault names its sequence in the detail (SOAP 1.2) or an rm:SequenceFault header
/// (SOAP 1.1). A SequenceTerminated, WrongVersion (SequenceTerminated) or InvalidAcknowledgement fault ends the
/// sequence it names, so later messages on it get SequenceTerminated; a fault sent by the client ends it as well.
/// </summary>
public static partial class HostileCorpus
{
    private static readonly (Rm Rm, Soap Soap)[] RmCombinations = [(Rm.V10, Soap.S12), (Rm.V10, Soap.S11), (Rm.V11, Soap.S12), (Rm.V11, Soap.S11)];

    private static IEnumerable<HostileCase> RmCases() =>
        CreateSequenceCases().Concat(SequenceHeaderCases()).Concat(AcknowledgementCases()).Concat(CloseAndTerminateCases()).Concat(ClientFaultCases());

    private static SequenceSetup Seq(Rm rm, Soap soap, Wsa wsa = Wsa.V10, bool offer = false, int messages = 1, SetupEnd end = SetupEnd.Open) =>
        new(rm, soap, wsa, offer, messages, end);

    private static string V(Rm rm, Soap soap) => $"{Label(rm)} {Label(soap)}";

    /// <summary>A WS-RM message as WCF writes it: Action and To (2004/08 adds an anonymous ReplyTo), then the RM headers.</summary>
    private static HostileRequest RmMessage(Soap soap, Wsa wsa, CaseContext ctx, string action, string rmHeaders, string body, bool messageId = false) =>
        HostileRequest.Xml(
            soap,
            Envelope(soap, Action(wsa, action) + (messageId ? MessageId(wsa) : "") + (wsa == Wsa.V04 ? ReplyTo(wsa, Wsa04Anonymous) : "") + To(wsa, ctx.Service) + rmHeaders, body),
            soap == Soap.S11 ? action : null);

    /// <summary>A CreateSequence; by default with a MessageID, and under 2004/08 an anonymous ReplyTo.</summary>
    private static HostileRequest Create(Soap soap, Wsa wsa, Rm rm, CaseContext ctx, string body, bool messageId = true, string? replyTo = "", string? messageIdValue = null)
    {
        var action = RmAction(rm, "CreateSequence");
        var reply = replyTo == "" ? (wsa == Wsa.V04 ? ReplyTo(wsa, Wsa04Anonymous) : "") : replyTo is null ? "" : ReplyTo(wsa, replyTo);
        var headers = Action(wsa, action) + (messageId ? MessageId(wsa, messageIdValue) : "") + reply + To(wsa, ctx.Service);
        return HostileRequest.Xml(soap, Envelope(soap, headers, body), soap == Soap.S11 ? action : null);
    }

    /// <summary>The next AddItem on a sequence (the prepared ones have received message 1).</summary>
    private static HostileRequest OnSequence(Rm rm, Soap soap, CaseContext ctx, string id, string number, Wsa wsa = Wsa.V10, bool last = false) =>
        RmMessage(soap, wsa, ctx, AddItemAction, Sequence(rm, id, number, last), AddItem(Guid.NewGuid(), 1));

    private static IEnumerable<HostileCase> CreateSequenceCases()
    {
        const string G = RmGroup;
        const string Addressable = "http://127.0.0.1:9/acks";
        foreach (var (rm, soap) in RmCombinations)
        {
            var v = V(rm, soap);
            yield return Case(G, $"CreateSequence without AcksTo, {v}", ctx => Create(soap, Wsa.V10, rm, ctx, CreateSequence(rm, Wsa.V10, null)), Spec.CreateSequenceRefused(soap, Wsa.V10, rm));
            yield return Case(G, $"CreateSequence without MessageID (B1601), {v}", ctx => Create(soap, Wsa.V10, rm, ctx, CreateSequence(rm, Wsa.V10, Wsa10Anonymous), messageId: false), Spec.HeaderRequired(soap, Wsa.V10));
            yield return Case(G, $"CreateSequence whose AcksTo differs from ReplyTo (R1105), {v}", ctx => Create(soap, Wsa.V10, rm, ctx, CreateSequence(rm, Wsa.V10, Addressable), replyTo: Wsa10Anonymous), Spec.CreateSequenceRefused(soap, Wsa.V10, rm));
            yield return Case(G, $"CreateSequence from an addressable initiator (B1603), {v}", ctx => Create(soap, Wsa.V10, rm, ctx, CreateSequence(rm, Wsa.V10, Addressable), replyTo: Addressable), Spec.EndpointUnavailable(soap, Wsa.V10));
            yield return Case(G, $"CreateSequence with an Offer without Identifier, {v}", ctx => Create(soap, Wsa.V10, rm, ctx, $"<{P(rm)}:CreateSequence><{P(rm)}:AcksTo><a:Address>{Wsa10Anonymous}</a:Address></{P(rm)}:AcksTo>{Offer(rm, Wsa.V10, null)}</{P(rm)}:CreateSequence>"), Spec.CreateSequenceRefused(soap, Wsa.V10, rm));
        }
        yield return Case(G, "CreateSequence without ReplyTo under WSA 2004/08 (B1601), RM 1.0 SOAP 1.2", ctx => Create(Soap.S12, Wsa.V04, Rm.V10, ctx, CreateSequence(Rm.V10, Wsa.V04, Wsa04Anonymous), replyTo: null), Spec.HeaderRequired(Soap.S12, Wsa.V04));
        yield return Case(G, "CreateSequence without ReplyTo under WSA 2004/08 (B1601), RM 1.1 SOAP 1.1", ctx => Create(Soap.S11, Wsa.V04, Rm.V11, ctx, CreateSequence(Rm.V11, Wsa.V04, Wsa04Anonymous), replyTo: null), Spec.HeaderRequired(Soap.S11, Wsa.V04));
        yield return Case(G, "CreateSequence without MessageID under WSA 2004/08 (B1601)", ctx => Create(Soap.S12, Wsa.V04, Rm.V10, ctx, CreateSequence(Rm.V10, Wsa.V04, Wsa04Anonymous), messageId: false), Spec.HeaderRequired(Soap.S12, Wsa.V04));
        yield return Case(G, "CreateSequence whose AcksTo is a 2004/08 address under WSA 1.0", ctx => Create(Soap.S12, Wsa.V10, Rm.V10, ctx, CreateSequence(Rm.V10, Wsa.V04, Wsa04Anonymous)), Spec.CreateSequenceRefused(Soap.S12, Wsa.V10, Rm.V10));
        yield return Case(G, "CreateSequence whose AcksTo is relative", ctx => Create(Soap.S11, Wsa.V10, Rm.V11, ctx, CreateSequence(Rm.V11, Wsa.V10, "acks")), Spec.CreateSequenceRefused(Soap.S11, Wsa.V10, Rm.V11));
        yield return Case(G, "CreateSequence offering an addressable Endpoint, RM 1.1 SOAP 1.2", ctx => Create(Soap.S12, Wsa.V10, Rm.V11, ctx, $"<q:CreateSequence><q:AcksTo><a:Address>{Wsa10Anonymous}</a:Address></q:AcksTo>{Offer(Rm.V11, Wsa.V10, NewId(), endpointAddress: Addressable)}</q:CreateSequence>"), Spec.EndpointUnavailable(Soap.S12, Wsa.V10));
        yield return Case(G, "CreateSequence offering an addressable Endpoint, RM 1.1 SOAP 1.1", ctx => Create(Soap.S11, Wsa.V10, Rm.V11, ctx, $"<q:CreateSequence><q:AcksTo><a:Address>{Wsa10Anonymous}</a:Address></q:AcksTo>{Offer(Rm.V11, Wsa.V10, NewId(), endpointAddress: Addressable)}</q:CreateSequence>"), Spec.EndpointUnavailable(Soap.S11, Wsa.V10));
        yield return Case(G, "CreateSequence reusing another sequence's MessageID with a different Offer", ctx => Create(Soap.S12, Wsa.V10, Rm.V10, ctx, CreateSequence(Rm.V10, Wsa.V10, Wsa10Anonymous, NewId()), messageIdValue: ctx.Target!.CreateMessageId), Spec.CreateSequenceRefused(Soap.S12, Wsa.V10, Rm.V10), Seq(Rm.V10, Soap.S12));
        yield return Case(G, "CreateSequence reusing another sequence's MessageID in the other RM version", ctx => Create(Soap.S12, Wsa.V10, Rm.V11, ctx, CreateSequence(Rm.V11, Wsa.V10, Wsa10Anonymous), messageIdValue: ctx.Target!.CreateMessageId), Spec.CreateSequenceRefused(Soap.S12, Wsa.V10, Rm.V11), Seq(Rm.V10, Soap.S12));
    }

    private static IEnumerable<HostileCase> SequenceHeaderCases()
    {
        const string G = RmGroup;
        foreach (var (rm, soap) in RmCombinations)
        {
            var v = V(rm, soap);
            var target = Seq(rm, soap);
            yield return Case(G, $"Sequence without Identifier, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, AddItemAction, $"<{P(rm)}:Sequence s:mustUnderstand=\"1\"><{P(rm)}:MessageNumber>2</{P(rm)}:MessageNumber></{P(rm)}:Sequence>", AddItem(Guid.NewGuid(), 1)), Spec.Sequence(soap, Wsa.V10, rm, "SequenceTerminated"));
            yield return Case(G, $"Sequence without MessageNumber, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, AddItemAction, $"<{P(rm)}:Sequence s:mustUnderstand=\"1\"><{P(rm)}:Identifier>{ctx.Id}</{P(rm)}:Identifier></{P(rm)}:Sequence>", AddItem(Guid.NewGuid(), 1)), Spec.Sequence(soap, Wsa.V10, rm, "SequenceTerminated").Terminating(), target);
            yield return Case(G, $"MessageNumber 0, {v}", ctx => OnSequence(rm, soap, ctx, ctx.Id, "0"), Spec.Sequence(soap, Wsa.V10, rm, "SequenceTerminated").Terminating(), target);
            yield return Case(G, $"MessageNumber 2^63 (MessageNumberRollover), {v}", ctx => OnSequence(rm, soap, ctx, ctx.Id, "9223372036854775808"), Spec.Sequence(soap, Wsa.V10, rm, "MessageNumberRollover"), target);
            yield return Case(G, $"message on an unknown sequence, {v}", ctx => OnSequence(rm, soap, ctx, NewId(), "1"), Spec.Sequence(soap, Wsa.V10, rm, "UnknownSequence"));
            yield return Case(G, $"message after TerminateSequence, {v}", ctx => OnSequence(rm, soap, ctx, ctx.Id, "2"), Spec.Sequence(soap, Wsa.V10, rm, "SequenceTerminated"), Seq(rm, soap, end: SetupEnd.Terminated));
            yield return Case(G, $"AckRequested for an unknown sequence, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(rm, "AckRequested"), AckRequested(rm, NewId()), ""), Spec.Sequence(soap, Wsa.V10, rm, "UnknownSequence"));
            yield return Case(G, $"TerminateSequence for an unknown sequence, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(rm, "TerminateSequence"), "", TerminateSequence(rm, NewId(), rm == Rm.V11 ? "0" : null), messageId: rm == Rm.V11), Spec.Sequence(soap, Wsa.V10, rm, "UnknownSequence"));
        }

        yield return Case(G, "negative MessageNumber, RM 1.0 SOAP 1.2", ctx => OnSequence(Rm.V10, Soap.S12, ctx, ctx.Id, "-1"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V10, "SequenceTerminated").Terminating(), Seq(Rm.V10, Soap.S12));
        yield return Case(G, "negative MessageNumber, RM 1.1 SOAP 1.1", ctx => OnSequence(Rm.V11, Soap.S11, ctx, ctx.Id, "-1"), Spec.Sequence(Soap.S11, Wsa.V10, Rm.V11, "SequenceTerminated").Terminating(), Seq(Rm.V11, Soap.S11));
        yield return Case(G, "non-numeric MessageNumber, RM 1.0 SOAP 1.1", ctx => OnSequence(Rm.V10, Soap.S11, ctx, ctx.Id, "two"), Spec.Sequence(Soap.S11, Wsa.V10, Rm.V10, "SequenceTerminated").Terminating(), Seq(Rm.V10, Soap.S11));
        yield return Case(G, "non-numeric MessageNumber, RM 1.1 SOAP 1.2", ctx => OnSequence(Rm.V11, Soap.S12, ctx, ctx.Id, "1.5"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "SequenceTerminated").Terminating(), Seq(Rm.V11, Soap.S12));
        yield return Case(G, "MessageNumber past unsigned 64 bits, RM 1.0 SOAP 1.2", ctx => OnSequence(Rm.V10, Soap.S12, ctx, ctx.Id, "18446744073709551616"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V10, "MessageNumberRollover"), Seq(Rm.V10, Soap.S12));
        yield return Case(G, "MessageNumber of 40 digits, RM 1.1 SOAP 1.1", ctx => OnSequence(Rm.V11, Soap.S11, ctx, ctx.Id, new string('9', 40)), Spec.Sequence(Soap.S11, Wsa.V10, Rm.V11, "MessageNumberRollover"), Seq(Rm.V11, Soap.S11));
        yield return Case(G, "MessageNumberRollover names the maximum (RM 1.1 MaxMessageNumber)", ctx => OnSequence(Rm.V11, Soap.S12, ctx, ctx.Id, "9223372036854775808"),
            Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "MessageNumberRollover") with { Fault = Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "MessageNumberRollover").Fault! with { DetailElement = Rm11 + "MaxMessageNumber" } }, Seq(Rm.V11, Soap.S12));

        // Forged identifiers.
        yield return Case(G, "forged identifier with SQL in it", ctx => OnSequence(Rm.V10, Soap.S12, ctx, "urn:uuid:x' OR '1'='1", "1"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V10, "UnknownSequence"));
        yield return Case(G, "forged identifier of 300 characters", ctx => OnSequence(Rm.V11, Soap.S12, ctx, "urn:uuid:" + new string('f', 291), "1"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "UnknownSequence"));
        yield return Case(G, "identifier of an existing sequence in upper case", ctx => OnSequence(Rm.V10, Soap.S12, ctx, ctx.Id.ToUpperInvariant().Replace("URN:UUID:", "urn:uuid:", StringComparison.Ordinal), "2"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V10, "UnknownSequence"), Seq(Rm.V10, Soap.S12));
        yield return Case(G, "the client's offered reply sequence used as a request sequence", ctx => OnSequence(Rm.V10, Soap.S12, ctx, ctx.OfferId, "2"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V10, "UnknownSequence"), Seq(Rm.V10, Soap.S12, offer: true));
        yield return Case(G, "a CreateSequence MessageID used as a sequence identifier", ctx => OnSequence(Rm.V11, Soap.S11, ctx, ctx.Target!.CreateMessageId, "2"), Spec.Sequence(Soap.S11, Wsa.V10, Rm.V11, "UnknownSequence"), Seq(Rm.V11, Soap.S11));
        yield return Case(G, "AckRequested for an unknown sequence under WSA 2004/08", ctx => RmMessage(Soap.S12, Wsa.V04, ctx, RmAction(Rm.V10, "AckRequested"), AckRequested(Rm.V10, NewId()), ""), Spec.Sequence(Soap.S12, Wsa.V04, Rm.V10, "UnknownSequence"));

        // The sequence keeps its versions (R2102): a message in another one ends it.
        yield return Case(G, "RM 1.1 message on an RM 1.0 sequence", ctx => OnSequence(Rm.V11, Soap.S12, ctx, ctx.Id, "2"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "SequenceTerminated").Terminating(), Seq(Rm.V10, Soap.S12));
        yield return Case(G, "RM 1.0 message on an RM 1.1 sequence", ctx => OnSequence(Rm.V10, Soap.S11, ctx, ctx.Id, "2"), Spec.Sequence(Soap.S11, Wsa.V10, Rm.V10, "SequenceTerminated").Terminating(), Seq(Rm.V11, Soap.S11));
        yield return Case(G, "WSA 2004/08 message on a WSA 1.0 sequence", ctx => OnSequence(Rm.V10, Soap.S12, ctx, ctx.Id, "2", Wsa.V04), Spec.Sequence(Soap.S12, Wsa.V04, Rm.V10, "SequenceTerminated").Terminating(), Seq(Rm.V10, Soap.S12));
        yield return Case(G, "LastMessage on an RM 1.1 sequence, SOAP 1.2", ctx => OnSequence(Rm.V11, Soap.S12, ctx, ctx.Id, "1", last: true), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "SequenceTerminated").Terminating(), Seq(Rm.V11, Soap.S12));
        yield return Case(G, "LastMessage on an RM 1.1 sequence, SOAP 1.1", ctx => OnSequence(Rm.V11, Soap.S11, ctx, ctx.Id, "1", last: true), Spec.Sequence(Soap.S11, Wsa.V10, Rm.V11, "SequenceTerminated").Terminating(), Seq(Rm.V11, Soap.S11));

        // After the end of a sequence.
        yield return Case(G, "message past the LastMessage, SOAP 1.2", ctx => OnSequence(Rm.V10, Soap.S12, ctx, ctx.Id, "3"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V10, "LastMessageNumberExceeded"), Seq(Rm.V10, Soap.S12, end: SetupEnd.LastMessage));
        yield return Case(G, "message past the LastMessage, SOAP 1.1", ctx => OnSequence(Rm.V10, Soap.S11, ctx, ctx.Id, "7"), Spec.Sequence(Soap.S11, Wsa.V10, Rm.V10, "LastMessageNumberExceeded"), Seq(Rm.V10, Soap.S11, end: SetupEnd.LastMessage));
        yield return Case(G, "message after CloseSequence, SOAP 1.2", ctx => OnSequence(Rm.V11, Soap.S12, ctx, ctx.Id, "2"), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "SequenceClosed"), Seq(Rm.V11, Soap.S12, end: SetupEnd.Closed));
        yield return Case(G, "message after CloseSequence, SOAP 1.1", ctx => OnSequence(Rm.V11, Soap.S11, ctx, ctx.Id, "5"), Spec.Sequence(Soap.S11, Wsa.V10, Rm.V11, "SequenceClosed"), Seq(Rm.V11, Soap.S11, end: SetupEnd.Closed));
        yield return Case(G, "AckRequested after TerminateSequence", ctx => RmMessage(Soap.S12, Wsa.V10, ctx, RmAction(Rm.V11, "AckRequested"), AckRequested(Rm.V11, ctx.Id), ""), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "SequenceTerminated"), Seq(Rm.V11, Soap.S12, end: SetupEnd.Terminated));
    }

    private static IEnumerable<HostileCase> AcknowledgementCases()
    {
        const string G = RmGroup;
        foreach (var (rm, soap) in RmCombinations)
        {
            var v = V(rm, soap);
            yield return Case(G, $"stand-alone SequenceAcknowledgement for an unknown sequence, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(rm, "SequenceAcknowledgement"), Ack(rm, NewId(), Range(rm, "1", "1")), ""), Spec.Sequence(soap, Wsa.V10, rm, "UnknownSequence"));
        }
        foreach (var (rm, soap) in new[] { (Rm.V10, Soap.S12), (Rm.V11, Soap.S11) })
        {
            var v = V(rm, soap);
            var offered = Seq(rm, soap, offer: true);
            yield return Case(G, $"stand-alone SequenceAcknowledgement with Lower above Upper, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(rm, "SequenceAcknowledgement"), Ack(rm, ctx.OfferId, Range(rm, "5", "2")), ""), Spec.Sequence(soap, Wsa.V10, rm, "InvalidAcknowledgement").Terminating(), offered);
            yield return Case(G, $"stand-alone SequenceAcknowledgement with a non-numeric Upper, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(rm, "SequenceAcknowledgement"), Ack(rm, ctx.OfferId, Range(rm, "1", "many")), ""), Spec.Sequence(soap, Wsa.V10, rm, "InvalidAcknowledgement").Terminating(), offered);
            yield return Case(G, $"stand-alone SequenceAcknowledgement of replies never sent, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(rm, "SequenceAcknowledgement"), Ack(rm, ctx.OfferId, Range(rm, "1", "5")), ""), Spec.Sequence(soap, Wsa.V10, rm, "InvalidAcknowledgement").Terminating(), offered);
            yield return Case(G, $"acknowledgement of replies never sent beside AckRequested, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(rm, "AckRequested"), AckRequested(rm, ctx.Id) + Ack(rm, ctx.OfferId, Range(rm, "1", "3")), ""), Spec.Sequence(soap, Wsa.V10, rm, "InvalidAcknowledgement").Terminating(), offered);
            yield return Case(G, $"acknowledgement of a sequence that is not the offered one, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(rm, "AckRequested"), AckRequested(rm, ctx.Id) + Ack(rm, NewId(), Range(rm, "1", "1")), ""), Spec.Sequence(soap, Wsa.V10, rm, "UnknownSequence"), offered);
        }
        yield return Case(G, "stand-alone SequenceAcknowledgement with an upper bound past 2^63", ctx => RmMessage(Soap.S12, Wsa.V10, ctx, RmAction(Rm.V10, "SequenceAcknowledgement"), Ack(Rm.V10, ctx.OfferId, Range(Rm.V10, "1", "9223372036854775808")), ""), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V10, "InvalidAcknowledgement").Terminating(), Seq(Rm.V10, Soap.S12, offer: true));
        yield return Case(G, "stand-alone SequenceAcknowledgement with a Nack of a reply never sent", ctx => RmMessage(Soap.S12, Wsa.V10, ctx, RmAction(Rm.V10, "SequenceAcknowledgement"), Ack(Rm.V10, ctx.OfferId, "<r:Nack>3</r:Nack>"), ""), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V10, "InvalidAcknowledgement").Terminating(), Seq(Rm.V10, Soap.S12, offer: true));
        yield return Case(G, "stand-alone SequenceAcknowledgement with Nack 0", ctx => RmMessage(Soap.S11, Wsa.V10, ctx, RmAction(Rm.V10, "SequenceAcknowledgement"), Ack(Rm.V10, ctx.OfferId, "<r:Nack>0</r:Nack>"), ""), Spec.Sequence(Soap.S11, Wsa.V10, Rm.V10, "InvalidAcknowledgement").Terminating(), Seq(Rm.V10, Soap.S11, offer: true));
        yield return Case(G, "acknowledgement with a negative Lower on a sequence message", ctx => RmMessage(Soap.S12, Wsa.V10, ctx, RmAction(Rm.V11, "AckRequested"), AckRequested(Rm.V11, ctx.Id) + Ack(Rm.V11, ctx.OfferId, Range(Rm.V11, "-1", "0")), ""), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "InvalidAcknowledgement").Terminating(), Seq(Rm.V11, Soap.S12, offer: true));
    }

    private static IEnumerable<HostileCase> CloseAndTerminateCases()
    {
        const string G = RmGroup;
        foreach (var soap in BothSoap)
        {
            var v = Label(soap);
            yield return Case(G, $"CloseSequence for an unknown sequence, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(Rm.V11, "CloseSequence"), "", CloseSequence(Rm.V11, NewId(), "0"), messageId: true), Spec.Sequence(soap, Wsa.V10, Rm.V11, "UnknownSequence"));
            // (d) A LastMsgNumber lower than a message already received is a protocol violation: SequenceTerminated.
            yield return Case(G, $"CloseSequence with LastMsgNumber below the highest received, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(Rm.V11, "CloseSequence"), "", CloseSequence(Rm.V11, ctx.Id, "1"), messageId: true), Spec.Sequence(soap, Wsa.V10, Rm.V11, "SequenceTerminated").Terminating(), Seq(Rm.V11, soap, messages: 3));
            yield return Case(G, $"TerminateSequence with LastMsgNumber below the highest received, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(Rm.V11, "TerminateSequence"), "", TerminateSequence(Rm.V11, ctx.Id, "2"), messageId: true), Spec.Sequence(soap, Wsa.V10, Rm.V11, "SequenceTerminated").Terminating(), Seq(Rm.V11, soap, messages: 3));
            yield return Case(G, $"RM 1.1 CloseSequence on an RM 1.0 sequence, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(Rm.V11, "CloseSequence"), "", CloseSequence(Rm.V11, ctx.Id, "1"), messageId: true), Spec.Sequence(soap, Wsa.V10, Rm.V11, "SequenceTerminated").Terminating(), Seq(Rm.V10, soap));
            // (d) Once closed, every acknowledgement is final.
            yield return Case(G, $"AckRequested on a closed sequence is answered with a Final acknowledgement, {v}", ctx => RmMessage(soap, Wsa.V10, ctx, RmAction(Rm.V11, "AckRequested"), AckRequested(Rm.V11, ctx.Id), ""),
                new Expect(200, soap) { Action = RmAction(Rm.V11, "SequenceAcknowledgement"), AckFinal = true, Db = DbEffect.TargetActivityOnly }, Seq(Rm.V11, soap, end: SetupEnd.Closed));
        }
        yield return Case(G, "resent message on a closed sequence is answered with a Final acknowledgement", ctx => OnSequence(Rm.V11, Soap.S12, ctx, ctx.Id, "1"),
            new Expect(200, Soap.S12) { Action = RmAction(Rm.V11, "SequenceAcknowledgement"), AckFinal = true, Db = DbEffect.TargetActivityOnly }, Seq(Rm.V11, Soap.S12, end: SetupEnd.Closed));
        yield return Case(G, "RM 1.1 TerminateSequence on an RM 1.0 sequence", ctx => RmMessage(Soap.S12, Wsa.V10, ctx, RmAction(Rm.V11, "TerminateSequence"), "", TerminateSequence(Rm.V11, ctx.Id, "1"), messageId: true), Spec.Sequence(Soap.S12, Wsa.V10, Rm.V11, "SequenceTerminated").Terminating(), Seq(Rm.V10, Soap.S12));
        // B1602: WS-RM 1.0 has no CloseSequence; an unknown rm: action without a Sequence header is ActionNotSupported.
        yield return Case(G, "CloseSequence in the RM 1.0 namespace (1.0 has none)", ctx => RmMessage(Soap.S12, Wsa.V10, ctx, RmAction(Rm.V10, "CloseSequence"), "", CloseSequence(Rm.V10, ctx.Id, "1"), messageId: true), Spec.ActionNotSupported(Soap.S12, Wsa.V10), Seq(Rm.V10, Soap.S12));
        yield return Case(G, "unknown RM 1.1 action without a Sequence (B1602)", ctx => RmMessage(Soap.S11, Wsa.V10, ctx, RmAction(Rm.V11, "MakeConnection"), "", "<q:MakeConnection/>", messageId: true), Spec.ActionNotSupported(Soap.S11, Wsa.V10));
        yield return Case(G, "CloseSequence for an unknown sequence under WSA 2004/08", ctx => RmMessage(Soap.S11, Wsa.V04, ctx, RmAction(Rm.V11, "CloseSequence"), "", CloseSequence(Rm.V11, NewId(), "0"), messageId: true), Spec.Sequence(Soap.S11, Wsa.V04, Rm.V11, "UnknownSequence"));
    }

    /// <summary>(b) Faults a client sends about a sequence: understood, the sequence ends, the client gets 202.</summary>
    private static IEnumerable<HostileCase> ClientFaultCases()
    {
        const string G = RmGroup;
        static string Fault11(string reason) => $"<s:Fault><faultcode>s:Client</faultcode><faultstring>{reason}</faultstring></s:Fault>";
        static string Fault12(Rm rm, string name, string id) =>
            $"<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>{P(rm)}:{name}</s:Value></s:Subcode></s:Code>"
            + $"<s:Reason><s:Text xml:lang=\"en-US\">The client ended the sequence.</s:Text></s:Reason><s:Detail><{P(rm)}:Identifier>{id}</{P(rm)}:Identifier></s:Detail></s:Fault>";
        static string SequenceFault(Rm rm, string name, string id) =>
            $"<{P(rm)}:SequenceFault><{P(rm)}:FaultCode>{P(rm)}:{name}</{P(rm)}:FaultCode>"
            + (rm == Rm.V11 ? $"<q:Detail><q:Identifier>{id}</q:Identifier></q:Detail>" : $"<r:Identifier>{id}</r:Identifier>") + $"</{P(rm)}:SequenceFault>";

        yield return Case(G, "client fault with an rm:SequenceFault header, RM 1.0 SOAP 1.1", ctx => RmMessage(Soap.S11, Wsa.V10, ctx, Wsa10SoapFault, SequenceFault(Rm.V10, "SequenceTerminated", ctx.Id), Fault11("The client gave up.")), Spec.Accepted(Soap.S11).Terminating(), Seq(Rm.V10, Soap.S11));
        yield return Case(G, "client fault with an rm:SequenceFault header and the RM 1.1 fault action, SOAP 1.1", ctx => RmMessage(Soap.S11, Wsa.V10, ctx, Rm11Fault, SequenceFault(Rm.V11, "SequenceTerminated", ctx.Id), Fault11("The client gave up.")), Spec.Accepted(Soap.S11).Terminating(), Seq(Rm.V11, Soap.S11));
        yield return Case(G, "client fault with the RM 1.1 fault action, SOAP 1.2", ctx => RmMessage(Soap.S12, Wsa.V10, ctx, Rm11Fault, "", Fault12(Rm.V11, "SequenceTerminated", ctx.Id)), Spec.Accepted(Soap.S12).Terminating(), Seq(Rm.V11, Soap.S12));
        yield return Case(G, "client fault with rm:SequenceTerminated in the Subcode, RM 1.0 SOAP 1.2", ctx => RmMessage(Soap.S12, Wsa.V10, ctx, Wsa10SoapFault, "", Fault12(Rm.V10, "SequenceTerminated", ctx.Id)), Spec.Accepted(Soap.S12).Terminating(), Seq(Rm.V10, Soap.S12));
        yield return Case(G, "client fault naming an unknown sequence, RM 1.1 fault action", ctx => RmMessage(Soap.S12, Wsa.V10, ctx, Rm11Fault, "", Fault12(Rm.V11, "SequenceTerminated", NewId())), Spec.Accepted(Soap.S12));
        yield return Case(G, "client fault naming an unknown sequence, rm:SequenceFault header", ctx => RmMessage(Soap.S11, Wsa.V10, ctx, Rm11Fault, SequenceFault(Rm.V11, "UnknownSequence", NewId()), Fault11("Unknown.")), Spec.Accepted(Soap.S11));
    }
}
