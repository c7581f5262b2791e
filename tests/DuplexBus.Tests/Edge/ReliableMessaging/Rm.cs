using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Tests.Edge.ReliableMessaging;

/// <summary>Builders and a one-line description of decisions, so destination tables read as the protocol does.</summary>
internal static class Rm
{
    public static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    public static RmLimits Limits(bool ordered = true, int maxHeld = 8) => new() { Ordered = ordered, MaxHeldPerSequence = maxHeld };

    /// <summary>The client that created <see cref="Fresh"/> sequences, at the endpoint it used.</summary>
    public static readonly RmCaller Caller = RmCaller.Of("/services/work", null, "127.0.0.1");

    public static RmSequence Fresh(RmVersion? version = null, bool ordered = true) => new()
    {
        Id = "urn:uuid:seq",
        Version = version ?? RmVersion.V10,
        Soap = SoapVersion.Soap12,
        Addressing = AddressingVersion.V10,
        AcksTo = AddressingVersion.V10.AnonymousUri!,
        Endpoint = Caller.Endpoint,
        Owner = Caller.Owner,
        Client = Caller.Client,
        Ordered = ordered,
        CreatedAt = Now,
        LastActivityAt = Now,
    };

    /// <summary>A sequence that received <paramref name="ranges"/> and delivered the contiguous prefix.</summary>
    public static RmSequence With(string ranges, RmVersion? version = null, bool ordered = true)
    {
        var received = AckRanges.Parse(ranges);
        return Fresh(version, ordered) with { Received = received, DeliveredThrough = ordered ? received.ContiguousThrough : 0 };
    }

    public static SequenceHeader Message(long number, bool last = false) => new("urn:uuid:seq", number, last);

    public static string Describe(RmDecision decision)
    {
        var parts = decision.Actions.Select(a => a switch
        {
            DeliverMessage d => $"deliver {d.Number}",
            HoldMessage h => $"hold {h.Number}",
            DeliverHeld h => $"deliver held {h.From}-{h.Through}",
            ParkHeld h => $"park held {h.From}-{h.Through}",
            _ => a.ToString()!,
        }).ToList();
        parts.Add(decision.Response switch
        {
            SendAck a => $"ack {(a.Ranges.IsEmpty ? "0-0" : a.Ranges.ToString())}{(a.Final ? " final" : "")}",
            SendFault f => $"fault {f.Fault.Name}",
            SendCreateSequenceResponse c => c.AcceptAcksTo is null ? "created" : $"created, accept {c.AcceptAcksTo}",
            SendCloseSequenceResponse c => $"closed; ack {c.Ack.Ranges}{(c.Ack.Final ? " final" : "")}",
            SendTerminateSequenceResponse t => $"terminated; ack {t.Ack.Ranges}{(t.Ack.Final ? " final" : "")}",
            SendNothing => "202",
            _ => decision.Response.ToString()!,
        });
        if (decision.Dropped)
            parts.Insert(0, "drop");
        if (decision.State?.Status == RmSequenceStatus.Terminated && decision.Response is SendFault)
            parts.Add("terminated");
        return string.Join("; ", parts);
    }
}
