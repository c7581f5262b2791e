using System.Diagnostics;
using System.Globalization;
using DuplexBus.Benchmarks.Callbacks;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Benchmarks.Drain;

/// <summary>
/// How fast the dispatcher works off a backlog. On a host warmed up by a first small batch, K callbacks are written
/// into <c>callback_message</c> due a few seconds later, so that all of them are in the table before the first is due;
/// then the dispatcher delivers them to the local sink. The rates come from the sink's arrival time of each callback.
/// </summary>
/// <remarks>
/// The rows are not written with the host stopped: a host started on a backlog spends its first seconds in the JIT,
/// and its first 10 % came out at a fifth of the rate of its last (2,000 and 10,000 rows), which says nothing about
/// how the table's size weighs on a row.
/// </remarks>
internal static class CallbackDrainBenchmark
{
    private const int WarmUpRows = 500;

    public static async Task<DrainFigure> MeasureAsync(ServersFixture servers, CallbackSink sink, int rows, int concurrency, TimeSpan stallLimit)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1_000);
        var (options, database) = await ProductionHost.OptionsAsync(servers, "drain_callbacks");
        CallbackRows.Configure(options.Environment, concurrency);
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database);
            await using var host = await HostProcess.StartAsync(options);
            var warmUp = sink.Begin(WarmUpRows);
            await CallbackRows.InsertAsync(dataSource, WarmUpRows, sink.Address);
            await WaitForSinkAsync(warmUp, WarmUpRows, stallLimit);

            // Room for the COPY (tens of thousands of rows a second here) before the first row is due.
            var dueAt = DateTime.UtcNow + TimeSpan.FromSeconds(2 + rows / 10_000.0);
            var tally = sink.Begin(rows, arrivals: true);
            await CallbackRows.InsertAsync(dataSource, rows, sink.Address, dueAt);
            if (DateTime.UtcNow > dueAt)
                Console.WriteLine("  (the rows were due before the last of them was written: the first 10 % may have been delivered from a partly filled table)");
            await WaitForSinkAsync(tally, rows, stallLimit);

            var tenth = rows / 10;
            var figure = new DrainFigure(
                "drain-callbacks", rows, TimeSpan.FromSeconds((rows - 1) / tally.RateBetween(0, rows - 1)),
                tally.RateBetween(0, rows - 1), tally.RateBetween(0, tenth - 1), tally.RateBetween(rows - tenth, rows - 1));
            Console.WriteLine(figure);
            Console.WriteLine(tally);
            return figure;
        }
        finally
        {
            await ProductionHost.DropAsync(servers, options, database);
        }
    }

    private static async Task WaitForSinkAsync(SinkTally tally, int rows, TimeSpan stallLimit)
    {
        var progress = (Received: 0L, At: Stopwatch.GetTimestamp());
        while (!tally.AllReceived.IsCompleted)
        {
            await Task.WhenAny(tally.AllReceived, Task.Delay(TimeSpan.FromSeconds(1)));
            if (tally.Distinct > progress.Received)
                progress = (tally.Distinct, Stopwatch.GetTimestamp());
            else if (Stopwatch.GetElapsedTime(progress.At) > stallLimit)
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The dispatcher stalled: {tally.Distinct} of {rows} callbacks arrived, none for {stallLimit.TotalSeconds:F0} s."));
        }
    }
}
