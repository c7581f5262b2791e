using System.Globalization;
using System.Text;
using DuplexBus.Benchmarks.Edge;
using DuplexBus.Testing;
using DuplexBus.Testing.LightRm;

namespace DuplexBus.Benchmarks.Light;

/// <summary>
/// The <c>edge</c> measurement (same servers, host, baseline and CPU lines) driven by the light generator instead of
/// WCF clients: one-way WS-RM 1.1 sessions written as raw HTTP requests from pre-built envelopes, so the load generator
/// takes little of the two cores the host, PostgreSQL and RabbitMQ share with it.
/// </summary>
internal static class EdgeLightBenchmark
{
    public const string Generator = "light generator";

    public static Task RunAsync(TimeSpan duration, int[] sessionCounts) =>
        EdgeBenchmark.RunAsync(
            "edge-light: raw WS-RM 1.1 sessions over HttpClient (SOAP 1.2, one-way, one message in flight per session)",
            Generator, duration, idleSequences: 0, sessionCounts, MeasureSessionsAsync);

    public static async Task<LoadResult> MeasureSessionsAsync(HostProcess host, int sessions, WarmUp warmUp, TimeSpan duration)
    {
        using var generator = await LightRmGenerator.OpenAsync(EdgeBenchmark.Service(host), sessions);
        var result = await Load.RunAsync($"edge-light: {sessions} raw WS-RM sessions", sessions, warmUp, duration,
            (worker, _) => generator.SendAsync(worker), host.ProcessId);
        // Outside the measured period: close and terminate every sequence, checking the answers.
        await generator.EndAsync();
        return result with { Notes = Report(generator) };
    }

    /// <summary>What the generator sent and saw go wrong, indented under a figure.</summary>
    public static string Report(LightRmGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"  light generator: {generator.Acknowledged} messages acknowledged exactly on {generator.Sessions.Count} sequences (warm-up included), then each closed and terminated; {generator.ErrorCount} errors");
        foreach (var error in generator.Errors)
            text.Append(Environment.NewLine).Append("    ").Append(error);
        if (generator.ErrorCount > generator.Errors.Count)
            text.Append(Environment.NewLine).Append(CultureInfo.InvariantCulture, $"    ... and {generator.ErrorCount - generator.Errors.Count} more");
        return text.ToString();
    }
}
