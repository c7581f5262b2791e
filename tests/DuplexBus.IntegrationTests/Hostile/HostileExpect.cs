using System.Collections.Immutable;
using System.Xml.Linq;
using static DuplexBus.IntegrationTests.Hostile.HostileNames;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>The top-level fault code; its name depends on the SOAP version (Client/Sender, Server/Receiver).</summary>
public enum TopCode
{
    Sender,
    Receiver,
    MustUnderstand,
    VersionMismatch,
}

/// <summary>What a case may do to the database.</summary>
public enum DbEffect
{
    /// <summary>Every table's row count and every rm_sequence row the same, byte for byte.</summary>
    Unchanged,

    /// <summary>The case's own sequence is now terminated; every other row and count the same.</summary>
    TargetTerminated,

    /// <summary>Counts the same; the case's own sequence differs only in last_activity_at (an answered AckRequested).</summary>
    TargetActivityOnly,

    /// <summary>
    /// Item 5: a sequence message that can never be applied is acknowledged and parked — one parked_message row more,
    /// the case's sequence moved on, every other count and row the same.
    /// </summary>
    TargetParked,
}

/// <summary>
/// A fault as the specs name it, for both SOAP versions. SOAP 1.2: Code/Value = <see cref="Code"/>, then the chain of
/// Subcode/Value = <see cref="Subcodes"/> (a longer chain is allowed when <see cref="OpenEnded"/>). SOAP 1.1: the
/// faultcode is MustUnderstand/VersionMismatch, else the first subcode (as WCF writes it), else Client/Server; a
/// WS-RM sequence fault (<see cref="SequenceFault"/>) keeps Client/Server and names itself in an rm:SequenceFault header.
/// </summary>
public sealed record FaultShape(TopCode Code, ImmutableArray<XName> Subcodes, bool SequenceFault = false, bool OpenEnded = false)
{
    /// <summary>An element the fault's detail must contain (SOAP 1.2 Detail, SOAP 1.1 detail), e.g. wsa:ProblemAction.</summary>
    public XName? DetailElement { get; init; }

    public string Describe() => Code + (Subcodes.IsEmpty ? "" : "/" + string.Join("/", Subcodes.Select(s => s.LocalName))) + (OpenEnded ? "/…" : "");
}

/// <summary>What the edge must answer, and what it may change.</summary>
public sealed record Expect(int Status, Soap Soap)
{
    public FaultShape? Fault { get; init; }

    /// <summary>The answer's wsa:Action; null means the answer carries no Action header.</summary>
    public string? Action { get; init; }

    public DbEffect Db { get; init; } = DbEffect.Unchanged;

    /// <summary>The local name of the answer's first body element (a reply), when it must have one.</summary>
    public string? ReplyElement { get; init; }

    /// <summary>The answer must carry a SequenceAcknowledgement header with Final (WS-RM 1.1, after CloseSequence).</summary>
    public bool AckFinal { get; init; }

    /// <summary>How long the answer may take (reading the envelope is linear: nothing needs seconds).</summary>
    public TimeSpan Within { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After the case, a resend of message 1 on the case's sequence must get SequenceTerminated.</summary>
    public bool ThenSequenceTerminated { get; init; }

    public string Describe() =>
        $"{Status} {(Fault is null ? ReplyElement ?? "" : Fault.Describe())}";
}

/// <summary>The expected answers, named by the spec rule that calls for them.</summary>
public static class Spec
{
    /// <summary>A fault defined by SOAP itself (malformed, MustUnderstand, …): WSA 1.0's soap/fault action.</summary>
    public static string? SoapFaultAction(Wsa wsa) => wsa switch { Wsa.V10 => Wsa10SoapFault, Wsa.V04 => Wsa04Fault, _ => null };

    /// <summary>A fault defined by WS-Addressing (header required, invalid header, action not supported …).</summary>
    public static string? AddressingFaultAction(Wsa wsa) => wsa switch { Wsa.V10 => Wsa10Fault, Wsa.V04 => Wsa04Fault, _ => null };

    /// <summary>WS-RM 1.1 has its own fault action; 1.0 uses WS-Addressing's default.</summary>
    public static string? RmFaultAction(Rm rm, Wsa wsa) => rm == Rm.V11 ? Rm11Fault : SoapFaultAction(wsa);

    private static Expect Fault(Soap soap, FaultShape shape, string? action) => new(500, soap) { Fault = shape, Action = action };

    private static FaultShape Shape(TopCode code, params XName[] subcodes) => new(code, [.. subcodes]);

    /// <summary>Not well-formed, a DTD, too deep, not an envelope: the sender's fault; nothing is known of its addressing.</summary>
    public static Expect Malformed(Soap soap) => Fault(soap, Shape(TopCode.Sender), null);

    public static Expect Sender(Soap soap, Wsa wsa) => Fault(soap, Shape(TopCode.Sender), SoapFaultAction(wsa));

    public static Expect MustUnderstand(Soap soap, Wsa wsa) => Fault(soap, Shape(TopCode.MustUnderstand), SoapFaultAction(wsa));

    public static Expect VersionMismatch(Soap soap) => Fault(soap, Shape(TopCode.VersionMismatch), null);

    public static Expect DeserializationFailed(Soap soap, Wsa wsa) => Fault(soap, Shape(TopCode.Sender, Dispatcher + "DeserializationFailed"), SoapFaultAction(wsa));

    /// <summary>WSA 1.0 MessageAddressingHeaderRequired / 2004/08 MessageInformationHeaderRequired.</summary>
    public static Expect HeaderRequired(Soap soap, Wsa wsa, string? action = "")
    {
        var shape = wsa == Wsa.V04
            ? Shape(TopCode.Sender, Wsa04 + "MessageInformationHeaderRequired")
            : Shape(TopCode.Sender, Wsa10 + "MessageAddressingHeaderRequired");
        return Fault(soap, shape, action == "" ? AddressingFaultAction(wsa) : action);
    }

    /// <summary>
    /// WSA 1.0 InvalidAddressingHeader with the named subcode (InvalidCardinality, ActionMismatch, InvalidAddress,
    /// MissingAddressInEPR); 2004/08 has only InvalidMessageInformationHeader. No subcode named: any deeper subcode.
    /// </summary>
    public static Expect InvalidHeader(Soap soap, Wsa wsa, string? subcode)
    {
        var shape = wsa == Wsa.V04
            ? Shape(TopCode.Sender, Wsa04 + "InvalidMessageInformationHeader") with { OpenEnded = true }
            : subcode is null
                ? Shape(TopCode.Sender, Wsa10 + "InvalidAddressingHeader") with { OpenEnded = true }
                : Shape(TopCode.Sender, Wsa10 + "InvalidAddressingHeader", Wsa10 + subcode);
        return Fault(soap, shape, AddressingFaultAction(wsa));
    }

    public static Expect ActionNotSupported(Soap soap, Wsa wsa)
    {
        if (wsa == Wsa.None)
            return Fault(soap, Shape(TopCode.Sender, AddressingNone + "ActionNotSupported"), null);
        var shape = Shape(TopCode.Sender, Of(wsa) + "ActionNotSupported");
        if (wsa == Wsa.V10)
            shape = shape with { DetailElement = Wsa10 + "ProblemAction" };
        return Fault(soap, shape, AddressingFaultAction(wsa));
    }

    public static Expect DestinationUnreachable(Soap soap, Wsa wsa) => Fault(soap, Shape(TopCode.Sender, Of(wsa) + "DestinationUnreachable"), AddressingFaultAction(wsa));

    public static Expect EndpointUnavailable(Soap soap, Wsa wsa) => Fault(soap, Shape(TopCode.Sender, Of(wsa) + "EndpointUnavailable"), AddressingFaultAction(wsa));

    /// <summary>A WS-RM sequence fault (SequenceTerminated, UnknownSequence, …).</summary>
    public static Expect Sequence(Soap soap, Wsa wsa, Rm rm, string name) =>
        Fault(soap, new FaultShape(TopCode.Sender, [Of(rm) + name], SequenceFault: true) { DetailElement = name == "InvalidAcknowledgement" ? Of(rm) + "SequenceAcknowledgement" : Of(rm) + "Identifier" }, RmFaultAction(rm, wsa));

    public static Expect CreateSequenceRefused(Soap soap, Wsa wsa, Rm rm) => Fault(soap, Shape(TopCode.Sender, Of(rm) + "CreateSequenceRefused"), RmFaultAction(rm, wsa));

    /// <summary>(a): a SequenceTerminated/WrongVersion/InvalidAcknowledgement fault ends the sequence it names.</summary>
    public static Expect Terminating(this Expect expect) => expect with { Db = DbEffect.TargetTerminated, ThenSequenceTerminated = true };

    public static Expect Reply(Soap soap, string element, string? action) => new(200, soap) { ReplyElement = element, Action = action };

    public static Expect StatusReply(Soap soap, Wsa wsa) => Reply(soap, "GetStatusResponse", wsa == Wsa.None ? null : GetStatusAction + "Response");

    public static Expect Accepted(Soap soap) => new(202, soap);

    /// <summary>A sequence message that can never be applied: acknowledged at the WS-RM layer and parked.</summary>
    public static Expect AcknowledgedAndParked(Soap soap, Rm rm) => new(200, soap) { Action = RmAction(rm, "SequenceAcknowledgement"), Db = DbEffect.TargetParked };

    public static Expect Http(int status) => new(status, Soap.S11);
}
