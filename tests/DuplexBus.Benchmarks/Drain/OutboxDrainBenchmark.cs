using System.Diagnostics;
using System.Globalization;
using DuplexBus.Benchmarks.Work;
using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Benchmarks.Drain;

/// <summary>
/// How fast the relay works off a backlog. On a host warmed up by a first small batch, the relay's turn is held (the
/// advisory lock every relay of a database takes for a batch) while K unsent AddItem rows are written into
/// <c>outbox_message</c>; then the turn is let go and the relay works through them. The rates come from each row's
/// own <c>sent_at</c> (set as the broker confirms the row), so polling does not blur them. The sample saga consumes
/// what is relayed meanwhile, on the same cores: that is part of what the relay competes with in production too.
/// </summary>
/// <remarks>
/// The rows are not written with the host stopped: a host started on a backlog spends its first seconds in the JIT,
/// and its first 10 % came out at a third of the rate of its last, which says nothing about how the table's size
/// weighs on a row.
/// </remarks>
internal static class OutboxDrainBenchmark
{
    /// <summary>The relay's advisory lock (PostgreSqlOutboxStatements.RelayLockKey): "DuplexBus relay".</summary>
    private const long RelayLockKey = 0x4475_706C_6578_5231;

    /// <summary>Items per instance: rows / this many instances.</summary>
    private const int Instances = 100;

    private const int WarmUpRows = 500;

    public static async Task<DrainFigure> MeasureAsync(ServersFixture servers, int rows, TimeSpan stallLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1_000);
        var (options, database) = await ProductionHost.OptionsAsync(servers, "drain_outbox");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(database);
            await using var host = await HostProcess.StartAsync(options);
            var template = await AddItemRows.CaptureAsync(host, dataSource);
            await template.InsertAsync(dataSource, NewInstances(), WarmUpRows / Instances);
            await WaitForRelayAsync(dataSource, WarmUpRows, stallLimit);

            long firstSeq;
            int queued;
            await using (var turn = await dataSource.OpenConnectionAsync())
            {
                await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({RelayLockKey})", turn))
                    await take.ExecuteNonQueryAsync();
                await template.InsertAsync(dataSource, NewInstances(), rows / Instances);
                firstSeq = await Sql.ScalarAsync(database, "SELECT min(seq) FROM outbox_message WHERE sent_at IS NULL");
                queued = (int)await AddItemRows.UnsentAsync(dataSource);
                await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({RelayLockKey})", turn);
                await release.ExecuteNonQueryAsync();
            }
            await WaitForRelayAsync(dataSource, queued, stallLimit);
            var figure = await FigureAsync(dataSource, firstSeq, queued);
            Console.WriteLine(figure);
            return figure;
        }
        finally
        {
            await ProductionHost.DropAsync(servers, options, database);
        }
    }

    private static Guid[] NewInstances() => [.. Enumerable.Range(0, Instances).Select(_ => Guid.NewGuid())];

    private static async Task WaitForRelayAsync(NpgsqlDataSource dataSource, int queued, TimeSpan stallLimit)
    {
        var progress = (Unsent: (long)queued, At: Stopwatch.GetTimestamp());
        long unsent;
        while ((unsent = await AddItemRows.UnsentAsync(dataSource)) > 0)
        {
            if (unsent < progress.Unsent)
                progress = (unsent, Stopwatch.GetTimestamp());
            else if (Stopwatch.GetElapsedTime(progress.At) > stallLimit)
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The relay stalled: {unsent} of {queued} rows unsent, none sent for {stallLimit.TotalSeconds:F0} s."));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Reads the sent_at of the rows that bound the whole run, its first tenth and its last tenth.</summary>
    private static async Task<DrainFigure> FigureAsync(NpgsqlDataSource dataSource, long firstSeq, int rows)
    {
        var tenth = rows / 10;
        long[] ranks = [0, tenth - 1, rows - tenth, rows - 1];
        await using var command = dataSource.CreateCommand(
            "SELECT n, extract(epoch FROM sent_at)::float8 FROM (SELECT sent_at, row_number() OVER (ORDER BY seq) - 1 AS n FROM outbox_message WHERE seq >= $1) AS relayed WHERE n = ANY($2) ORDER BY n");
        command.Parameters.AddWithValue(firstSeq);
        command.Parameters.AddWithValue(ranks);
        var at = new Dictionary<long, double>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                at[reader.GetInt64(0)] = reader.GetDouble(1);
        }
        return DrainFigure.From("drain-outbox", rows, at[ranks[0]], at[ranks[1]], at[ranks[2]], at[ranks[3]], unitsPerSecond: 1);
    }
}
