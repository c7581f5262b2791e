using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.ReliableMessaging;

/// <summary>
/// The WS-RM faults, shaped as WCF recognises them. SOAP 1.2: Code Sender/Receiver, Subcode rm:Name, the detail
/// in Detail. SOAP 1.1 has no subcodes, so sequence faults use Client/Server and carry an rm:SequenceFault header
/// with the name and detail (1.1 wraps the detail in rm:Detail); CreateSequenceRefused becomes the faultcode.
/// </summary>
public sealed class RmFaults(RmVersion rm, SoapVersion soap, AddressingVersion addressing)
{
    public const long MaxMessageNumber = long.MaxValue;

    public SoapFault UnknownSequence(string identifier) =>
        Sequence("UnknownSequence", FaultCode.Sender, $"The sequence '{identifier}' is not known to this endpoint.", [Id(identifier)]);

    public SoapFault SequenceTerminated(string identifier, string reason, bool receiver = false) =>
        Sequence("SequenceTerminated", receiver ? FaultCode.Receiver : FaultCode.Sender, reason, [Id(identifier)]);

    public SoapFault InvalidAcknowledgement(XElement acknowledgement) =>
        Sequence("InvalidAcknowledgement", FaultCode.Sender, "The acknowledgement claims messages that were never sent on that sequence.", [new XElement(acknowledgement)]);

    public SoapFault MessageNumberRollover(string identifier) =>
        Sequence(
            "MessageNumberRollover",
            FaultCode.Sender,
            $"The message number exceeds the maximum of {MaxMessageNumber.ToString(CultureInfo.InvariantCulture)}.",
            rm.IsV11 ? [Id(identifier), new XElement(rm.MaxMessageNumber, MaxMessageNumber)] : [Id(identifier)]);

    /// <summary>1.0: a message numbered past the LastMessage.</summary>
    public SoapFault LastMessageNumberExceeded(string identifier) =>
        Sequence("LastMessageNumberExceeded", FaultCode.Sender, "The message number is greater than the number of the sequence's last message.", [Id(identifier)]);

    /// <summary>1.1: a message on a closed sequence.</summary>
    public SoapFault SequenceClosed(string identifier) =>
        Sequence("SequenceClosed", FaultCode.Sender, "The sequence is closed and accepts no more messages.", [Id(identifier)]);

    /// <summary>The message does not fit the version of the sequence (e.g. 1.1 close on a 1.0 sequence).</summary>
    public SoapFault WrongVersion(string identifier) =>
        SequenceTerminated(identifier, $"The sequence uses {rm.Name}; this message does not.");

    public SoapFault CreateSequenceRefused(string reason, bool connectionLimitReached = false)
    {
        var name = rm.Namespace + "CreateSequenceRefused";
        if (soap == SoapVersion.Soap11)
            return new SoapFault(FaultCode.Sender, [name], reason, Action: rm.FaultAction(addressing));
        return connectionLimitReached
            ? new SoapFault(FaultCode.Receiver, [name, RmVersion.NetRm + "ConnectionLimitReached"], reason, Action: rm.FaultAction(addressing)) { SpecName = "CreateSequenceRefused" }
            : new SoapFault(FaultCode.Sender, [name], reason, Action: rm.FaultAction(addressing));
    }

    /// <summary>B1603: this endpoint will not serve the sequence its CreateSequence asks for.</summary>
    public SoapFault EndpointUnavailable(string reason) =>
        new(FaultCode.Sender, [addressing.IsAddressed ? addressing.Namespace + "EndpointUnavailable" : AddressingVersion.V10.Namespace + "EndpointUnavailable"], reason, Action: addressing.AddressingFaultAction);

    private XElement Id(string identifier) => new(rm.Identifier, identifier);

    private SoapFault Sequence(string name, FaultCode code, string reason, ImmutableArray<XElement> detail)
    {
        var qualified = rm.Namespace + name;
        var action = rm.FaultAction(addressing);
        if (soap == SoapVersion.Soap12)
            return new SoapFault(code, [qualified], reason, detail[0], action) { MoreDetail = detail[1..] };

        var header = new XElement(
            rm.SequenceFault,
            new XAttribute(XNamespace.Xmlns + "r", rm.Namespace.NamespaceName),
            new XElement(rm.FaultCode, "r:" + name),
            rm.IsV11 ? new XElement(rm.Detail, detail) : detail);
        return new SoapFault(code, [], reason, Action: action) { Headers = [header], SpecName = name };
    }
}
