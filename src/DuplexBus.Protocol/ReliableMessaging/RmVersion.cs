using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>
/// WS-ReliableMessaging 1.0 (2005/02) and 1.1 (2007/02) as data: namespaces, actions, element names and which
/// messages and faults each version has. Protocol code looks differences up here instead of branching.
/// </summary>
public sealed class RmVersion
{
    public static readonly RmVersion V10 = new("WS-RM 1.0", "http://schemas.xmlsoap.org/ws/2005/02/rm", isV11: false);

    public static readonly RmVersion V11 = new("WS-RM 1.1", "http://docs.oasis-open.org/ws-rx/wsrm/200702", isV11: true);

    /// <summary>Microsoft's extension namespace (BufferRemaining, ConnectionLimitReached).</summary>
    public static readonly XNamespace NetRm = "http://schemas.microsoft.com/ws/2006/05/rm";

    private RmVersion(string name, string ns, bool isV11)
    {
        Name = name;
        Namespace = ns;
        IsV11 = isV11;
        string Action(string local) => ns + "/" + local;
        CreateSequenceAction = Action("CreateSequence");
        CreateSequenceResponseAction = Action("CreateSequenceResponse");
        SequenceAcknowledgementAction = Action("SequenceAcknowledgement");
        AckRequestedAction = Action("AckRequested");
        LastMessageAction = isV11 ? null : Action("LastMessage");
        CloseSequenceAction = isV11 ? Action("CloseSequence") : null;
        CloseSequenceResponseAction = isV11 ? Action("CloseSequenceResponse") : null;
        TerminateSequenceAction = Action("TerminateSequence");
        TerminateSequenceResponseAction = isV11 ? Action("TerminateSequenceResponse") : null;
        OwnFaultAction = isV11 ? Action("fault") : null;
    }

    public string Name { get; }

    public XNamespace Namespace { get; }

    public bool IsV11 { get; }

    public string CreateSequenceAction { get; }

    public string CreateSequenceResponseAction { get; }

    public string SequenceAcknowledgementAction { get; }

    public string AckRequestedAction { get; }

    /// <summary>1.0 only: the empty last message (B1202).</summary>
    public string? LastMessageAction { get; }

    /// <summary>1.1 only.</summary>
    public string? CloseSequenceAction { get; }

    public string? CloseSequenceResponseAction { get; }

    public string TerminateSequenceAction { get; }

    /// <summary>1.1 only: 1.0's TerminateSequence is one-way.</summary>
    public string? TerminateSequenceResponseAction { get; }

    /// <summary>1.1 has its own fault action; 1.0 uses the WS-Addressing default.</summary>
    private string? OwnFaultAction { get; }

    public XName Sequence => Namespace + "Sequence";

    public XName Identifier => Namespace + "Identifier";

    public XName MessageNumber => Namespace + "MessageNumber";

    public XName LastMessage => Namespace + "LastMessage";

    public XName AckRequested => Namespace + "AckRequested";

    public XName SequenceAcknowledgement => Namespace + "SequenceAcknowledgement";

    public XName AcknowledgementRange => Namespace + "AcknowledgementRange";

    public XName Nack => Namespace + "Nack";

    public XName None => Namespace + "None";

    public XName Final => Namespace + "Final";

    public XName CreateSequence => Namespace + "CreateSequence";

    public XName CreateSequenceResponse => Namespace + "CreateSequenceResponse";

    public XName AcksTo => Namespace + "AcksTo";

    public XName Offer => Namespace + "Offer";

    public XName Endpoint => Namespace + "Endpoint";

    public XName Accept => Namespace + "Accept";

    public XName Expires => Namespace + "Expires";

    public XName IncompleteSequenceBehavior => Namespace + "IncompleteSequenceBehavior";

    public XName CloseSequence => Namespace + "CloseSequence";

    public XName CloseSequenceResponse => Namespace + "CloseSequenceResponse";

    public XName TerminateSequence => Namespace + "TerminateSequence";

    public XName TerminateSequenceResponse => Namespace + "TerminateSequenceResponse";

    public XName LastMsgNumber => Namespace + "LastMsgNumber";

    public XName SequenceFault => Namespace + "SequenceFault";

    public XName FaultCode => Namespace + "FaultCode";

    public XName Detail => Namespace + "Detail";

    public XName MaxMessageNumber => Namespace + "MaxMessageNumber";

    public static XName BufferRemaining => NetRm + "BufferRemaining";

    /// <summary>The headers the RM layer processes (so they pass the mustUnderstand check).</summary>
    public IEnumerable<XName> Headers => [Sequence, AckRequested, SequenceAcknowledgement];

    public string FaultAction(AddressingVersion addressing) =>
        OwnFaultAction ?? addressing.DefaultFaultAction ?? AddressingVersion.V10.DefaultFaultAction!;

    public static RmVersion? FromNamespace(string ns) =>
        ns == V10.Namespace.NamespaceName ? V10
        : ns == V11.Namespace.NamespaceName ? V11
        : null;

    /// <summary>The version whose namespace prefixes an action, e.g. <c>…/2005/02/rm/CreateSequence</c>.</summary>
    public static RmVersion? FromAction(string? action) =>
        action is null ? null
        : action.StartsWith(V10.Namespace.NamespaceName + "/", StringComparison.Ordinal) ? V10
        : action.StartsWith(V11.Namespace.NamespaceName + "/", StringComparison.Ordinal) ? V11
        : null;

    public override string ToString() => Name;
}
