using System.Collections.Concurrent;

namespace DuplexBus.Testing.LightRm;

/// <summary>
/// A light load generator: N one-way WS-RM 1.1 sessions over raw HTTP, each on an instance of its own, sharing one
/// HttpClient. It costs a fraction of the CPU of the WCF client it stands in for, and sends what that client sends
/// (<c>LightGeneratorWireFormatTests</c>). Every answer is checked; what was wrong is counted and kept.
/// </summary>
public sealed class LightRmGenerator : IDisposable
{
    /// <summary>How many errors are kept for the report (all are counted).</summary>
    public const int KeptErrors = 20;

    private readonly HttpClient _http;
    private readonly ConcurrentQueue<string> _errors = new();
    private long _errorCount;

    private LightRmGenerator(HttpClient http, IReadOnlyList<LightRmSession> sessions)
    {
        _http = http;
        Sessions = sessions;
    }

    public IReadOnlyList<LightRmSession> Sessions { get; }

    public long ErrorCount => Interlocked.Read(ref _errorCount);

    /// <summary>The first <see cref="KeptErrors"/> errors.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Messages acknowledged so far, all sessions together.</summary>
    public long Acknowledged => Sessions.Sum(s => s.Acknowledged);

    /// <summary>Opens <paramref name="sessions"/> sequences (throws if any CreateSequence is answered wrongly).</summary>
    /// <param name="value">The value of every AddItem.</param>
    public static async Task<LightRmGenerator> OpenAsync(Uri service, int sessions, string value = "benchmark", CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1);
        var http = LightRmHttp.Create(sessions);
        try
        {
            var opened = await Task.WhenAll(Enumerable.Range(0, sessions)
                .Select(_ => LightRmSession.CreateAsync(http, service, Guid.NewGuid(), value, cancellationToken))).ConfigureAwait(false);
            return new LightRmGenerator(http, opened);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Sends the next message of one session; true when it was acknowledged exactly, false (and an error kept) otherwise.</summary>
    public async Task<bool> SendAsync(int session)
    {
        var error = await Sessions[session].SendNextAsync().ConfigureAwait(false);
        if (error is null)
            return true;
        Record(error);
        return false;
    }

    /// <summary>Closes and terminates every sequence; wrong answers are errors like any other.</summary>
    public async Task EndAsync(CancellationToken cancellationToken = default)
    {
        var ended = await Task.WhenAll(Sessions.Select(s => s.EndAsync(cancellationToken))).ConfigureAwait(false);
        foreach (var error in ended.SelectMany(e => e))
            Record(error);
    }

    public void Dispose() => _http.Dispose();

    private void Record(string error)
    {
        if (Interlocked.Increment(ref _errorCount) <= KeptErrors)
            _errors.Enqueue(error);
    }
}
