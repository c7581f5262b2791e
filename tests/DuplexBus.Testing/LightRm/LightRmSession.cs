using System.Xml;

namespace DuplexBus.Testing.LightRm;

/// <summary>
/// One one-way WS-RM 1.1 sequence over raw HTTP, as the WCF client runs it on anonymous HTTP: CreateSequence, then one
/// AddItem at a time (index = message number, so the instance sees 1..n in order) each answered by an acknowledgement
/// on its HTTP response, then CloseSequence and TerminateSequence. Every answer is checked as the client would check it.
/// </summary>
public sealed class LightRmSession
{
    /// <summary>WCF's default MaxRetryCount: a message that fails this many times in a row ends the session.</summary>
    public const int MaxRetries = 8;

    private static readonly XmlQualifiedName CloseSequenceResponse = new("CloseSequenceResponse", LightRmNames.Rm11);
    private static readonly XmlQualifiedName TerminateSequenceResponse = new("TerminateSequenceResponse", LightRmNames.Rm11);

    private readonly HttpClient _http;
    private readonly Uri _service;
    private readonly AddItemEnvelope _envelope;
    private readonly byte[] _buffer;
    private int _failuresInARow;

    private LightRmSession(HttpClient http, Uri service, string sequenceId, Guid instanceId, string value)
    {
        _http = http;
        _service = service;
        SequenceId = sequenceId;
        InstanceId = instanceId;
        _envelope = AddItemTemplate.Bind(sequenceId, service, instanceId, value);
        _buffer = new byte[_envelope.MaxLength];
    }

    public string SequenceId { get; }

    public Guid InstanceId { get; }

    /// <summary>Messages 1..Acknowledged were sent and acknowledged exactly.</summary>
    public long Acknowledged { get; private set; }

    /// <summary>Sends CreateSequence and returns the session on the identifier the answer gives; throws if the answer is wrong.</summary>
    public static async Task<LightRmSession> CreateAsync(HttpClient http, Uri service, Guid instanceId, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(service);
        var messageId = NewMessageId();
        var (status, answer) = await LightRmHttp.PostAsync(http, service, RmControlEnvelopes.CreateSequence(service, messageId), cancellationToken).ConfigureAwait(false);
        var problem = status != 200 || answer is null ? Describe(status, answer)
            : answer.Action != LightRmNames.CreateSequenceResponse ? $"action {answer.Action ?? "(none)"}"
            : answer.RelatesTo != messageId ? $"RelatesTo {answer.RelatesTo ?? "(none)"} instead of {messageId}"
            : answer.BodyElement?.Name != "CreateSequenceResponse" || answer.BodyElement.Namespace != LightRmNames.Rm11 || answer.BodyIdentifier is null
                ? $"body {answer.BodyElement} without an Identifier"
            : null;
        if (problem is not null)
            throw new InvalidOperationException($"CreateSequence was answered with {problem}.");
        return new LightRmSession(http, service, answer!.BodyIdentifier!, instanceId, value);
    }

    /// <summary>
    /// Sends message <see cref="Acknowledged"/> + 1 and returns null when the answer is a 200 acknowledgement of exactly
    /// 1..that number; otherwise what was wrong, and the next call sends the same number again (a retransmission).
    /// </summary>
    /// <exception cref="InvalidOperationException">The same message failed <see cref="MaxRetries"/> times in a row.</exception>
    public async Task<string?> SendNextAsync(CancellationToken cancellationToken = default)
    {
        var number = Acknowledged + 1;
        var length = _envelope.Write(_buffer, number, checked((int)number));
        string? problem;
        try
        {
            var (status, answer) = await LightRmHttp.PostAsync(_http, _service, new ReadOnlyMemory<byte>(_buffer, 0, length), cancellationToken).ConfigureAwait(false);
            problem = status != 200 || answer is null ? Describe(status, answer)
                : answer.Action != LightRmNames.SequenceAcknowledgement ? $"action {answer.Action ?? "(none)"}"
                : answer.BodyElement is not null ? $"a body {answer.BodyElement}"
                : AckProblem(answer, number, final: false);
        }
        catch (Exception e) when (e is HttpRequestException or FormatException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            problem = e.Message;
        }

        if (problem is null)
        {
            Acknowledged = number;
            _failuresInARow = 0;
            return null;
        }
        var error = $"{SequenceId} #{number}: {problem}";
        if (++_failuresInARow >= MaxRetries)
            throw new InvalidOperationException($"Gave up after {MaxRetries} failures in a row; the last: {error}");
        return error;
    }

    /// <summary>CloseSequence, then TerminateSequence, each checked; returns what was wrong (nothing when both were right).</summary>
    public async Task<IReadOnlyList<string>> EndAsync(CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        if (await EndStepAsync(CloseSequenceResponse, id => RmControlEnvelopes.CloseSequence(_service, id, SequenceId, Acknowledged), cancellationToken).ConfigureAwait(false) is { } close)
            errors.Add($"{SequenceId} CloseSequence: {close}");
        if (await EndStepAsync(TerminateSequenceResponse, id => RmControlEnvelopes.TerminateSequence(_service, id, SequenceId, Acknowledged), cancellationToken).ConfigureAwait(false) is { } terminate)
            errors.Add($"{SequenceId} TerminateSequence: {terminate}");
        return errors;
    }

    /// <summary>Sends CloseSequence or TerminateSequence (built for a fresh MessageID) and checks its answer.</summary>
    private async Task<string?> EndStepAsync(XmlQualifiedName expected, Func<string, byte[]> envelope, CancellationToken cancellationToken)
    {
        var messageId = NewMessageId();
        try
        {
            var (status, answer) = await LightRmHttp.PostAsync(_http, _service, envelope(messageId), cancellationToken).ConfigureAwait(false);
            return status != 200 || answer is null ? Describe(status, answer)
                : answer.Action != $"{LightRmNames.Rm11}/{expected.Name}" ? $"action {answer.Action ?? "(none)"}"
                : answer.RelatesTo != messageId ? $"RelatesTo {answer.RelatesTo ?? "(none)"} instead of {messageId}"
                : answer.BodyElement != expected || answer.BodyIdentifier != SequenceId ? $"body {answer.BodyElement} of {answer.BodyIdentifier}"
                // The WCF client rejects either answer without a final acknowledgement of exactly 1..last.
                : AckProblem(answer, Acknowledged, final: true);
        }
        catch (Exception e) when (e is HttpRequestException or FormatException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return e.Message;
        }
    }

    private string? AckProblem(RmResponse answer, long last, bool final)
    {
        SequenceAcknowledgement? ack = null;
        var count = 0;
        foreach (var candidate in answer.Acknowledgements)
        {
            if (candidate.Identifier == SequenceId)
            {
                ack = candidate;
                count++;
            }
        }
        if (count != 1)
            return $"{count} acknowledgements of the sequence (of {answer.Acknowledgements.Count} in all)";
        if (!ack!.CoversExactly(last))
            return $"acknowledgement {ack}, expected 1-{last}";
        return final && !ack.Final ? $"acknowledgement {ack} without Final" : null;
    }

    private static string Describe(int status, RmResponse? answer) =>
        answer?.Fault is { } fault ? $"HTTP {status}, fault {fault}" : $"HTTP {status}{(answer is null ? " without an envelope" : "")}";

    private static string NewMessageId() => $"urn:uuid:{Guid.NewGuid()}";
}
