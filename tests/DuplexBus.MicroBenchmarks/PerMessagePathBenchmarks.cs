using BenchmarkDotNet.Attributes;
using DuplexBus.Protocol.ReliableMessaging;

namespace DuplexBus.MicroBenchmarks;

/// <summary>
/// Every pure step of one sequence message, composed as the edge runs them: read the envelope, read its WS-RM
/// headers, admit and decide on the loaded sequence, write the acknowledgement. Left out, because they are I/O or
/// not in the protocol library: reading the HTTP body, translating the AddItem body into its message, the
/// transaction, and sending the bytes.
/// </summary>
// Not sealed: BenchmarkDotNet runs a benchmark through a generated class derived from it.
[MemoryDiagnoser]
public class PerMessagePathBenchmarks
{
    private byte[] _body = [];
    private RmSequence _sequence = null!;

    [Params(WcfMessage.Rm11Soap12, WcfMessage.Rm10Soap11)]
    public WcfMessage Message { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = WcfEnvelopes.AddItem(Message, SequenceStates.DeliveredThrough + 1);
        _sequence = SequenceStates.MidSession(Message);
        if (ReadDecideAcknowledge() is not { Length: > 0 } answer)
            throw new InvalidOperationException($"{Message} was not acknowledged.");
        var text = System.Text.Encoding.UTF8.GetString(answer);
        if (!text.Contains("SequenceAcknowledgement", StringComparison.Ordinal) || !text.Contains("Upper=\"10\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"{Message} got an unexpected answer: {text}");
    }

    /// <summary>The next message in order, from request bytes to acknowledgement bytes.</summary>
    [Benchmark]
    public byte[]? ReadDecideAcknowledge()
    {
        var read = EdgeSteps.Read(_body, Message);
        if (!read.IsEnvelope)
            return null;
        var envelope = read.Envelope;
        var reliable = RmInboundReader.Read(envelope);
        if (reliable is not { IsReliable: true, Inbound.Sequence: { } header })
            return null;

        // The edge passes the size of the translated message, for the bound on held bytes; the request's size stands in.
        var decision = RmDestination.Admits(_sequence, header.Identifier, reliable.Inbound.Version, envelope.Version, envelope.Addressing,
                SequenceStates.Caller, SequenceStates.Now, SequenceStates.Limits, out var refusal)
            ? RmDestination.Receive(_sequence, header, SequenceStates.Now, SequenceStates.Limits, _body.Length)
            : refusal;
        if (decision.Response is SendFault)
            return null;
        return EdgeSteps.Answer(envelope, RmMessageWriter.Write(decision.Response, decision.State, reliable.Inbound.Version, envelope.Addressing));
    }
}
