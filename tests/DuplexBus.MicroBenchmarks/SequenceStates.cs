using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.MicroBenchmarks;

/// <summary>Sequence state as the edge would load it mid-session: messages 1..9 received and delivered, in order.</summary>
public static class SequenceStates
{
    public const long DeliveredThrough = 9;

    public static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    public static readonly RmLimits Limits = new();

    public static readonly RmCaller Caller = RmCaller.Of("/services/work", owner: null, remoteAddress: "127.0.0.1");

    public static RmSequence MidSession(WcfMessage message)
    {
        var (rm, soap, addressing) = message switch
        {
            WcfMessage.Rm11Soap12 => (RmVersion.V11, SoapVersion.Soap12, AddressingVersion.V10),
            WcfMessage.Rm10Soap11 => (RmVersion.V10, SoapVersion.Soap11, AddressingVersion.August2004),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "Plain SOAP has no sequence."),
        };
        return new RmSequence
        {
            Id = WcfEnvelopes.SequenceId,
            Version = rm,
            Soap = soap,
            Addressing = addressing,
            AcksTo = addressing.AnonymousUri!,
            Endpoint = Caller.Endpoint,
            Owner = Caller.Owner,
            Client = Caller.Client,
            Ordered = true,
            Received = AckRanges.Parse("1-" + DeliveredThrough),
            DeliveredThrough = DeliveredThrough,
            CreatedAt = Now.AddMinutes(-1),
            LastActivityAt = Now.AddSeconds(-1),
        };
    }
}
