using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

/// <summary>
/// WS-Addressing versions as data. <see cref="None"/> is plain SOAP (BasicHttpBinding): the action comes from the
/// HTTP SOAPAction and faults use WCF's "addressing none" namespace for their subcodes.
/// </summary>
public sealed class AddressingVersion
{
    public static readonly AddressingVersion None = new(
        name: "none",
        ns: "http://schemas.microsoft.com/ws/2005/05/addressing/none",
        anonymous: null,
        noneAddress: null,
        defaultFaultAction: null,
        headerRequired: "MessageAddressingHeaderRequired");

    public static readonly AddressingVersion August2004 = new(
        name: "WS-Addressing 2004/08",
        ns: "http://schemas.xmlsoap.org/ws/2004/08/addressing",
        anonymous: "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous",
        noneAddress: null,
        defaultFaultAction: "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault",
        headerRequired: "MessageInformationHeaderRequired");

    public static readonly AddressingVersion V10 = new(
        name: "WS-Addressing 1.0",
        ns: "http://www.w3.org/2005/08/addressing",
        anonymous: "http://www.w3.org/2005/08/addressing/anonymous",
        noneAddress: "http://www.w3.org/2005/08/addressing/none",
        defaultFaultAction: "http://www.w3.org/2005/08/addressing/soap/fault",
        headerRequired: "MessageAddressingHeaderRequired");

    private AddressingVersion(string name, string ns, string? anonymous, string? noneAddress, string? defaultFaultAction, string headerRequired)
    {
        Name = name;
        Namespace = ns;
        AnonymousUri = anonymous;
        NoneUri = noneAddress;
        DefaultFaultAction = defaultFaultAction;
        Action = Namespace + "Action";
        MessageId = Namespace + "MessageID";
        To = Namespace + "To";
        ReplyTo = Namespace + "ReplyTo";
        FaultTo = Namespace + "FaultTo";
        From = Namespace + "From";
        RelatesTo = Namespace + "RelatesTo";
        Address = Namespace + "Address";
        ReferenceParameters = Namespace + "ReferenceParameters";
        ReferenceProperties = Namespace + "ReferenceProperties";
        ActionNotSupported = Namespace + "ActionNotSupported";
        HeaderRequired = Namespace + headerRequired;
        ProblemHeaderQName = Namespace + "ProblemHeaderQName";
        ProblemAction = Namespace + "ProblemAction";
    }

    public string Name { get; }

    public XNamespace Namespace { get; }

    public string? AnonymousUri { get; }

    /// <summary>WS-Addressing 1.0's "none" address: the sender wants no reply at all.</summary>
    public string? NoneUri { get; }

    /// <summary>Action of a fault message; null without addressing (no Action header is written then).</summary>
    public string? DefaultFaultAction { get; }

    public XName Action { get; }

    public XName MessageId { get; }

    public XName To { get; }

    public XName ReplyTo { get; }

    public XName FaultTo { get; }

    public XName From { get; }

    public XName RelatesTo { get; }

    public XName Address { get; }

    public XName ReferenceParameters { get; }

    public XName ReferenceProperties { get; }

    public XName ActionNotSupported { get; }

    /// <summary>Fault subcode for a missing header: the name changed between the two versions.</summary>
    public XName HeaderRequired { get; }

    public XName ProblemHeaderQName { get; }

    public XName ProblemAction { get; }

    public bool IsAddressed => DefaultFaultAction is not null;

    /// <summary>
    /// The action of the faults WS-Addressing itself defines (header required, invalid header, action not supported,
    /// endpoint unavailable): 1.0's SOAP binding gives them their own action, distinct from the default for SOAP
    /// faults; 2004/08 has one fault action for both.
    /// </summary>
    public string? AddressingFaultAction => this == V10 ? Namespace.NamespaceName + "/fault" : DefaultFaultAction;

    public static AddressingVersion? FromNamespace(string ns) =>
        ns == V10.Namespace.NamespaceName ? V10
        : ns == August2004.Namespace.NamespaceName ? August2004
        : null;

    public bool IsAnonymous(string? address) => address is null || address == AnonymousUri;

    public override string ToString() => Name;
}
