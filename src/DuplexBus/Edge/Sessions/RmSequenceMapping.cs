using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Sessions;

/// <summary>Between the protocol's <see cref="RmSequence"/> and its row; versions are stored by short stable names.</summary>
internal static class RmSequenceMapping
{
    public static RmSequence ToSequence(RmSequenceRow row) => new()
    {
        Id = row.Id,
        Version = row.RmVersion == "1.1" ? RmVersion.V11 : RmVersion.V10,
        Soap = row.SoapVersion == "1.1" ? SoapVersion.Soap11 : SoapVersion.Soap12,
        Addressing = row.AddressingVersion == "2004/08" ? AddressingVersion.August2004 : AddressingVersion.V10,
        AcksTo = row.AcksTo,
        Endpoint = row.Endpoint,
        Owner = row.Owner,
        Client = row.Client,
        HeldBytes = row.HeldBytes,
        CreateMessageId = row.CreateMessageId,
        ReplySequenceId = row.ReplySequenceId,
        RepliesSent = row.RepliesSent,
        Ordered = row.Ordered,
        Received = AckRanges.Parse(row.Received),
        DeliveredThrough = row.DeliveredThrough,
        LastNumber = row.LastNumber,
        Status = (RmSequenceStatus)row.Status,
        CreatedAt = DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc),
        LastActivityAt = DateTime.SpecifyKind(row.LastActivityAt, DateTimeKind.Utc),
    };

    public static void CopyTo(RmSequence sequence, RmSequenceRow row)
    {
        row.Id = sequence.Id;
        row.RmVersion = sequence.Version.IsV11 ? "1.1" : "1.0";
        row.SoapVersion = sequence.Soap == SoapVersion.Soap11 ? "1.1" : "1.2";
        row.AddressingVersion = sequence.Addressing == AddressingVersion.August2004 ? "2004/08" : "1.0";
        row.AcksTo = sequence.AcksTo;
        row.Endpoint = sequence.Endpoint;
        row.Owner = sequence.Owner;
        row.Client = sequence.Client;
        row.HeldBytes = sequence.HeldBytes;
        row.CreateMessageId = sequence.CreateMessageId;
        row.ReplySequenceId = sequence.ReplySequenceId;
        row.RepliesSent = sequence.RepliesSent;
        row.Ordered = sequence.Ordered;
        row.Received = sequence.Received.ToString();
        row.DeliveredThrough = sequence.DeliveredThrough;
        row.LastNumber = sequence.LastNumber;
        row.Status = (int)sequence.Status;
        row.CreatedAt = sequence.CreatedAt;
        row.LastActivityAt = sequence.LastActivityAt;
    }
}
