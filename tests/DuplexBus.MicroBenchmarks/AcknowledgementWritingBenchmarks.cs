using BenchmarkDotNet.Attributes;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.MicroBenchmarks;

/// <summary>
/// Writing the answer to a sequence message: the SequenceAcknowledgement header, enveloped in the request's SOAP and
/// addressing versions, to bytes (what goes on the wire with the 200).
/// </summary>
// Not sealed: BenchmarkDotNet runs a benchmark through a generated class derived from it.
[MemoryDiagnoser]
public class AcknowledgementWritingBenchmarks
{
    private SoapEnvelope _request = null!;
    private RmSequence _sequence = null!;
    private SendAck _ack = null!;

    [Params(WcfMessage.Rm11Soap12, WcfMessage.Rm10Soap11)]
    public WcfMessage Message { get; set; }

    /// <summary>Acknowledged ranges: one after in-order delivery, two with a gap.</summary>
    [Params("1-10", "1-9,12")]
    public string Ranges { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _request = EdgeSteps.Read(WcfEnvelopes.AddItem(Message, SequenceStates.DeliveredThrough + 1), Message).Envelope
            ?? throw new InvalidOperationException($"{Message} did not read as an envelope.");
        _sequence = SequenceStates.MidSession(Message);
        _ack = new SendAck(_sequence.Id, AckRanges.Parse(Ranges), BufferRemaining: null, Final: false);
    }

    [Benchmark]
    public byte[]? AckEnvelope() =>
        EdgeSteps.Answer(_request, RmMessageWriter.Write(_ack, _sequence, _sequence.Version, _request.Addressing));
}
