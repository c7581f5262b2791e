using System.Xml.Linq;

namespace DuplexBus.Protocol.Soap;

/// <summary>The faults the SOAP and WS-Addressing layer answers with, named as the specs (and WCF) name them.</summary>
public static class SoapFaults
{
    /// <summary>WCF's dispatcher namespace, used for its service-side faults (e.g. DeserializationFailed).</summary>
    public static readonly XNamespace Dispatcher = "http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher";

    public static SoapFault Malformed(string detail) =>
        new(FaultCode.Sender, [], $"The message is not well-formed XML: {detail}");

    public static SoapFault DtdNotAllowed() =>
        new(FaultCode.Sender, [], "The message contains a document type declaration (DTD); SOAP messages must not contain one.");

    public static SoapFault TooLarge(long limit) =>
        new(FaultCode.Sender, [], $"The message is larger than the maximum of {limit} bytes.");

    public static SoapFault TooDeep(int limit) =>
        new(FaultCode.Sender, [], $"The message nests elements deeper than the maximum of {limit}.");

    /// <summary>The envelope passed one of the reader's fixed quotas; the reason names the quota and its limit.</summary>
    public static SoapFault QuotaExceeded(XmlQuota quota, long limit) =>
        new(FaultCode.Sender, [], quota switch
        {
            XmlQuota.Nodes => $"The message has more than the maximum of {limit} XML nodes (elements, attributes and text).",
            XmlQuota.AttributesPerElement => $"An element of the message has more than the maximum of {limit} attributes.",
            XmlQuota.StringContentLength => $"A text or attribute value of the message is longer than the maximum of {limit} characters.",
            XmlQuota.NameCharacters => $"The names and namespaces of the message add up to more than the maximum of {limit} characters.",
            XmlQuota.Headers => $"The message has more than the maximum of {limit} header blocks.",
            XmlQuota.HeaderCharacters => $"The headers of the message hold more than the maximum of {limit} characters of text and attribute values.",
            _ => throw new ArgumentOutOfRangeException(nameof(quota), quota, null),
        });

    public static SoapFault NotAnEnvelope(string found) =>
        new(FaultCode.Sender, [], $"The message is not a SOAP envelope (root element '{found}').");

    public static SoapFault VersionMismatch(string found) =>
        new(FaultCode.VersionMismatch, [], $"The envelope namespace '{found}' does not match the SOAP version of the request.");

    public static SoapFault MustUnderstand(XName header) =>
        new(FaultCode.MustUnderstand, [], $"The header '{header.LocalName}' from namespace '{header.NamespaceName}' was not understood by the recipient of this message.");

    public static SoapFault HeaderRequired(AddressingVersion addressing, XName header) =>
        new(
            FaultCode.Sender,
            [addressing.HeaderRequired],
            $"A required header representing a Message Addressing Property is not present: {header.LocalName}.",
            addressing.IsAddressed
                ? new XElement(addressing.ProblemHeaderQName, new XAttribute(XNamespace.Xmlns + "h", header.NamespaceName), "h:" + header.LocalName)
                : null,
            addressing.AddressingFaultAction);

    /// <summary>
    /// A WS-Addressing header that is present but wrong: WSA 1.0's InvalidAddressingHeader with the subcode naming how
    /// (InvalidCardinality, MissingAddressInEPR, ActionMismatch), and the header in ProblemHeaderQName; 2004/08 has
    /// only InvalidMessageInformationHeader.
    /// </summary>
    public static SoapFault InvalidAddressingHeader(AddressingVersion addressing, XName header, string? subcode, string reason) =>
        new(
            FaultCode.Sender,
            addressing == AddressingVersion.August2004
                ? [addressing.Namespace + "InvalidMessageInformationHeader"]
                : subcode is null
                    ? [AddressingVersion.V10.Namespace + "InvalidAddressingHeader"]
                    : [AddressingVersion.V10.Namespace + "InvalidAddressingHeader", AddressingVersion.V10.Namespace + subcode],
            reason,
            addressing == AddressingVersion.V10
                ? new XElement(addressing.ProblemHeaderQName, new XAttribute(XNamespace.Xmlns + "h", header.NamespaceName), "h:" + header.LocalName)
                : null,
            addressing.AddressingFaultAction);

    /// <summary>The wsa:To names an endpoint that is not this one (WS-Addressing 1.0 SOAP binding §6.4.3).</summary>
    public static SoapFault DestinationUnreachable(AddressingVersion addressing, string to) =>
        new(
            FaultCode.Sender,
            [addressing.Namespace + "DestinationUnreachable"],
            $"No endpoint at this address serves the destination '{(to.Length <= 200 ? to : to[..200] + "…")}'.",
            Action: addressing.AddressingFaultAction);

    public static SoapFault ActionNotSupported(AddressingVersion addressing, string? action) =>
        new(
            FaultCode.Sender,
            [addressing.ActionNotSupported],
            $"The message with Action '{action}' cannot be processed at the receiver: no operation of this endpoint has that action.",
            addressing == AddressingVersion.V10
                ? new XElement(addressing.ProblemAction, new XElement(addressing.Action, action))
                : null,
            addressing.AddressingFaultAction);

    public static SoapFault DeserializationFailed(string operation, string problem) =>
        new(
            FaultCode.Sender,
            [Dispatcher + "DeserializationFailed"],
            $"The body of the message does not match operation '{operation}': {problem}");

    /// <summary>
    /// A callback address (ReplyTo or CallbackContext) the allow-list refuses: WS-Addressing's invalid-header fault,
    /// with 1.0's InvalidAddress subcode.
    /// </summary>
    public static SoapFault CallbackAddressRefused(AddressingVersion addressing, string address, string reason) =>
        new(
            FaultCode.Sender,
            addressing == AddressingVersion.August2004
                ? [addressing.Namespace + "InvalidMessageInformationHeader"]
                : [AddressingVersion.V10.Namespace + "InvalidAddressingHeader", AddressingVersion.V10.Namespace + "InvalidAddress"],
            $"The callback address '{Shorten(address)}' is not allowed: {reason}. Nothing was stored.",
            Action: addressing.AddressingFaultAction);

    /// <summary>Enough of a client's text to recognise it, never all of an oversized one.</summary>
    private static string Shorten(string text) => text.Length <= ShownCharacters ? text : string.Concat(text.AsSpan(0, ShownCharacters), "…");

    private const int ShownCharacters = 256;

    /// <summary>
    /// Too many requests are being processed and queued: answered with HTTP 503 and Retry-After, which the WCF client
    /// reports as ServerTooBusyException. Nothing was stored; the same message can be sent again.
    /// </summary>
    public static SoapFault ServerTooBusy() =>
        new(
            FaultCode.Receiver,
            [Dispatcher + "ServerTooBusy"],
            "The server is too busy to process the message now; nothing was stored. Send it again after the Retry-After delay.");

    /// <summary>The server failed before it changed anything (a request-reply operation, a read).</summary>
    public static SoapFault InternalError() =>
        new(
            FaultCode.Receiver,
            [Dispatcher + "InternalServiceFault"],
            "The server could not process the message now; nothing was stored. Send it again later.");

    /// <summary>
    /// The server failed while it was storing a one-way message (the database went away, a commit timed out), so it
    /// cannot know whether the message was stored. Never "nothing was stored": a client that believed it and sent a
    /// new message would cause a duplicate. Whether a resend is safe depends on the MessageID.
    /// </summary>
    public static SoapFault OutcomeUnknown(bool hasMessageId) =>
        new(
            FaultCode.Receiver,
            [Dispatcher + "InternalServiceFault"],
            hasMessageId
                ? "The server could not confirm that the message was stored: it may or may not have been. Sending it again with the same wsa:MessageID is safe: it takes effect once."
                : "The server could not confirm that the message was stored: it may or may not have been. The message has no wsa:MessageID, so a resend cannot be recognised and may take effect twice; send one to make resends safe.");
}
