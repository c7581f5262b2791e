using static DuplexBus.IntegrationTests.Hostile.HostileNames;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// Envelope text as the corpus writes it. Every envelope declares the same prefixes — <c>s</c> SOAP, <c>a</c>
/// WS-Addressing 1.0, <c>b</c> WS-Addressing 2004/08, <c>r</c> WS-RM 1.0, <c>q</c> WS-RM 1.1 — so a case is just
/// header and body text; unused declarations change nothing.
/// </summary>
public static class HostileWire
{
    public static string NewId() => $"urn:uuid:{Guid.NewGuid()}";

    public static string Envelope(Soap soap, string headers, string body, bool withHeader = true) =>
        $"<s:Envelope xmlns:s=\"{Of(soap)}\" xmlns:a=\"{Wsa10}\" xmlns:b=\"{Wsa04}\" xmlns:r=\"{Rm10}\" xmlns:q=\"{Rm11}\">"
        + (withHeader && headers.Length > 0 ? $"<s:Header>{headers}</s:Header>" : "")
        + $"<s:Body>{body}</s:Body></s:Envelope>";

    public static string P(Wsa wsa) => wsa == Wsa.V04 ? "b" : "a";

    public static string P(Rm rm) => rm == Rm.V11 ? "q" : "r";

    public static string Action(Wsa wsa, string action) => $"<{P(wsa)}:Action s:mustUnderstand=\"1\">{action}</{P(wsa)}:Action>";

    public static string MessageId(Wsa wsa, string? id = null) => $"<{P(wsa)}:MessageID>{id ?? NewId()}</{P(wsa)}:MessageID>";

    public static string To(Wsa wsa, string to) => $"<{P(wsa)}:To s:mustUnderstand=\"1\">{to}</{P(wsa)}:To>";

    public static string ReplyTo(Wsa wsa, string address) => Epr(wsa, "ReplyTo", address);

    public static string Epr(Wsa wsa, string name, string? address) =>
        $"<{P(wsa)}:{name}>{(address is null ? "" : $"<{P(wsa)}:Address>{address}</{P(wsa)}:Address>")}</{P(wsa)}:{name}>";

    /// <summary>The addressing headers a WCF client puts on a request: Action, MessageID, To (and ReplyTo under 2004/08).</summary>
    public static string Addressing(Wsa wsa, string action, string to, bool messageId = true, bool replyTo = true) =>
        wsa == Wsa.None ? ""
        : Action(wsa, action) + (messageId ? MessageId(wsa) : "") + (replyTo && wsa == Wsa.V04 ? ReplyTo(wsa, Anonymous(wsa)) : "") + To(wsa, to);

    public static string AddItem(Guid instance, int index) =>
        $"<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{instance}</instanceId><index>{index}</index><value>v</value></AddItem>";

    public static string GetStatus(Guid instance) =>
        $"<GetStatus xmlns=\"urn:duplexbus:samples\"><instanceId>{instance}</instanceId></GetStatus>";

    public static string GetStatus() => GetStatus(Guid.NewGuid());

    public static string StartWork(Guid instance, int steps = 0) =>
        $"<StartWork xmlns=\"urn:duplexbus:samples\"><instanceId>{instance}</instanceId><steps>{steps}</steps></StartWork>";

    public static string Sequence(Rm rm, string id, string number, bool last = false) =>
        $"<{P(rm)}:Sequence s:mustUnderstand=\"1\"><{P(rm)}:Identifier>{id}</{P(rm)}:Identifier><{P(rm)}:MessageNumber>{number}</{P(rm)}:MessageNumber>"
        + (last ? $"<{P(rm)}:LastMessage/>" : "") + $"</{P(rm)}:Sequence>";

    public static string AckRequested(Rm rm, string id) => $"<{P(rm)}:AckRequested><{P(rm)}:Identifier>{id}</{P(rm)}:Identifier></{P(rm)}:AckRequested>";

    /// <summary>A SequenceAcknowledgement header; <paramref name="content"/> is its ranges (see <see cref="Range"/>).</summary>
    public static string Ack(Rm rm, string id, string content) =>
        $"<{P(rm)}:SequenceAcknowledgement><{P(rm)}:Identifier>{id}</{P(rm)}:Identifier>{content}</{P(rm)}:SequenceAcknowledgement>";

    public static string Range(Rm rm, string lower, string upper) => $"<{P(rm)}:AcknowledgementRange Lower=\"{lower}\" Upper=\"{upper}\"/>";

    public static string CreateSequence(Rm rm, Wsa wsa, string? acksTo, string? offer = null, bool offerEndpoint = true) =>
        $"<{P(rm)}:CreateSequence>"
        + (acksTo is null ? "" : $"<{P(rm)}:AcksTo><{P(wsa)}:Address>{acksTo}</{P(wsa)}:Address></{P(rm)}:AcksTo>")
        + (offer is null ? "" : Offer(rm, wsa, offer, offerEndpoint))
        + $"</{P(rm)}:CreateSequence>";

    public static string Offer(Rm rm, Wsa wsa, string? identifier, bool endpoint = true, string? endpointAddress = null) =>
        $"<{P(rm)}:Offer>"
        + (identifier is null ? "" : $"<{P(rm)}:Identifier>{identifier}</{P(rm)}:Identifier>")
        + (rm == Rm.V11 && endpoint ? $"<{P(rm)}:Endpoint><{P(wsa)}:Address>{endpointAddress ?? Anonymous(wsa)}</{P(wsa)}:Address></{P(rm)}:Endpoint><{P(rm)}:IncompleteSequenceBehavior>DiscardFollowingFirstGap</{P(rm)}:IncompleteSequenceBehavior>" : "")
        + $"</{P(rm)}:Offer>";

    public static string CloseSequence(Rm rm, string id, string? lastMsgNumber) =>
        $"<{P(rm)}:CloseSequence><{P(rm)}:Identifier>{id}</{P(rm)}:Identifier>"
        + (lastMsgNumber is null ? "" : $"<{P(rm)}:LastMsgNumber>{lastMsgNumber}</{P(rm)}:LastMsgNumber>") + $"</{P(rm)}:CloseSequence>";

    public static string TerminateSequence(Rm rm, string id, string? lastMsgNumber) =>
        $"<{P(rm)}:TerminateSequence><{P(rm)}:Identifier>{id}</{P(rm)}:Identifier>"
        + (lastMsgNumber is null ? "" : $"<{P(rm)}:LastMsgNumber>{lastMsgNumber}</{P(rm)}:LastMsgNumber>") + $"</{P(rm)}:TerminateSequence>";
}
