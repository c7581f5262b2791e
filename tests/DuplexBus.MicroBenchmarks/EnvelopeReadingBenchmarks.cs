using BenchmarkDotNet.Attributes;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.MicroBenchmarks;

/// <summary>
/// Reading one AddItem request: the SOAP envelope with its addressing headers, then its WS-RM headers. Every message
/// the edge takes pays this before anything else.
/// </summary>
// Not sealed: BenchmarkDotNet runs a benchmark through a generated class derived from it.
[MemoryDiagnoser]
public class EnvelopeReadingBenchmarks
{
    private byte[] _body = [];

    [Params(WcfMessage.Rm11Soap12, WcfMessage.Rm10Soap11, WcfMessage.PlainSoap11)]
    public WcfMessage Message { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = WcfEnvelopes.AddItem(Message, SequenceStates.DeliveredThrough + 1);
        // A benchmark that measured a fault path by mistake would look fast: make sure each message reads as the edge reads it.
        var read = EdgeSteps.Read(_body, Message);
        if (!read.IsEnvelope)
            throw new InvalidOperationException($"{Message} did not read as an envelope: {read.Fault.Name} {read.Fault.Reason}");
        var rm = RmInboundReader.Read(read.Envelope);
        if (rm.IsReliable != (Message != WcfMessage.PlainSoap11) || rm.Fault is not null)
            throw new InvalidOperationException($"{Message} did not read as expected by the WS-RM reader.");
    }

    [Benchmark(Baseline = true)]
    public SoapReadResult Envelope() => EdgeSteps.Read(_body, Message);

    [Benchmark]
    public RmReadResult EnvelopeAndRmHeaders() => RmInboundReader.Read(EdgeSteps.Read(_body, Message).Envelope!);
}
