using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Testing;
using Npgsql;
using NpgsqlTypes;
using static DuplexBus.IntegrationTests.Hostile.HostileNames;
using static DuplexBus.IntegrationTests.Hostile.HostileWire;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// One production host (real PostgreSQL and RabbitMQ) for the whole corpus, with every sequence the cases name
/// prepared up front — and the system quiet — before the first case runs, so a case's before/after snapshot sees
/// only what the case itself did.
/// </summary>
public sealed class HostileHostFixture(ServersFixture servers) : IAsyncLifetime
{
    private readonly ProductionHostFixture _production = new(servers);
    private readonly ConcurrentDictionary<SequenceSetup, SequenceRef> _sequences = new();
    private string _snapshotSql = "";

    /// <summary>Without cookies: a context cookie the edge hands out would otherwise route every later case's message.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public string Service { get; private set; } = "";

    public ProductionHostFixture Production => _production;

    public ImmutableArray<string> Tables { get; private set; } = [];

    /// <summary>How long preparing the sequences took, and that plus waiting for the system to be quiet.</summary>
    public TimeSpan PreparationTime { get; private set; }

    public TimeSpan SequencesTime { get; private set; }

    public int SequenceCount => _sequences.Count;

    public async Task InitializeAsync()
    {
        await _production.InitializeAsync();
        var watch = Stopwatch.StartNew();
        Service = new Uri(_production.Host.BaseAddress, "/services/work").ToString();
        Tables = await ReadTablesAsync();
        _snapshotSql = SnapshotSql(Tables);

        var setups = HostileCorpus.All.Select(c => c.Target).OfType<SequenceSetup>().Distinct().ToList();
        var before = await SnapshotAsync(null);
        await Parallel.ForEachAsync(setups, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (setup, _) => _sequences[setup] = await PrepareAsync(setup));
        SequencesTime = watch.Elapsed;
        await SettleAsync(before, setups.Sum(s => s.Messages));
        PreparationTime = watch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _production.DisposeAsync();
    }

    public SequenceRef Prepared(SequenceSetup setup) => _sequences[setup];

    public async Task<HostileAnswer> SendAsync(HostileRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Service) { Content = new ByteArrayContent(request.Body) };
        if (request.ContentType is not null)
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        if (request.SoapAction is not null)
            message.Headers.TryAddWithoutValidation("SOAPAction", request.SoapAction);
        using var response = await Http.SendAsync(message);
        return new HostileAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Whether the host process is up and answers its liveness probe.</summary>
    public async Task<string?> LivenessProblemAsync()
    {
        if (_production.Host.HasExited)
            return "the host process has exited";
        try
        {
            using var live = await Http.GetAsync(new Uri(_production.Host.BaseAddress, "/health/live"));
            return live.IsSuccessStatusCode ? null : $"/health/live answered {(int)live.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return $"/health/live did not answer: {e.Message}";
        }
    }

    /// <summary>Row counts of every table, a digest of every rm_sequence row but the target, and the target's row.</summary>
    public async Task<DbSnapshot> SnapshotAsync(string? targetId)
    {
        await using var connection = new NpgsqlConnection(_production.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(_snapshotSql, connection);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = (object?)targetId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var counts = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < Tables.Length; i++)
            counts[Tables[i]] = reader.GetInt64(i);
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var n = Tables.Length;
        return new DbSnapshot(counts.ToImmutable(), Text(n)!, Text(n + 1), Text(n + 2), reader.IsDBNull(n + 3) ? null : reader.GetInt32(n + 3));
    }

    /// <summary>
    /// Waits until the bus has applied the preparation's AddItem messages: each went to a new instance, so the saga
    /// has one more work_state row and one more inbox_state row for each, and no outbox row is left unsent. This reads
    /// only the database, so it takes as long as the consumers do; if the counts never add up, the full quiet check
    /// (which also asks RabbitMQ) decides.
    /// </summary>
    private async Task SettleAsync(DbSnapshot before, int messages)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var now = await SnapshotAsync(null);
            if (now.Counts["work_state"] >= before.Counts["work_state"] + messages
                && now.Counts["inbox_state"] >= before.Counts["inbox_state"] + messages
                && await UnsentAsync() == 0)
            {
                await Task.Delay(250);
                var later = await SnapshotAsync(null);
                if (later.Counts.SequenceEqual(now.Counts) && later.OthersDigest == now.OthersDigest)
                    return;
                continue;
            }
            await Task.Delay(50);
        }
        await WaitQuietAsync();
    }

    private async Task<long> UnsentAsync()
    {
        await using var connection = new NpgsqlConnection(_production.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_message WHERE sent_at IS NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task WaitQuietAsync() => _production.WaitQuietAsync(TimeSpan.FromSeconds(60));

    private async Task<ImmutableArray<string>> ReadTablesAsync()
    {
        await using var connection = new NpgsqlConnection(_production.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
            connection);
        var tables = ImmutableArray.CreateBuilder<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables.ToImmutable();
    }

    private static string SnapshotSql(ImmutableArray<string> tables)
    {
        static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var counts = tables.Select(t => $"(SELECT count(*) FROM {Quote(t)})");
        return "SELECT " + string.Join(", ", counts)
            + ", (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM rm_sequence t WHERE t.id IS DISTINCT FROM @id)"
            + ", (SELECT t::text FROM rm_sequence t WHERE t.id = @id)"
            + ", (SELECT (to_jsonb(t) - 'last_activity_at')::text FROM rm_sequence t WHERE t.id = @id)"
            + ", (SELECT t.status FROM rm_sequence t WHERE t.id = @id)";
    }

    /// <summary>Creates the sequence, sends its messages and ends it, as a WCF client would.</summary>
    private async Task<SequenceRef> PrepareAsync(SequenceSetup setup)
    {
        var (rm, soap, wsa) = (setup.Rm, setup.Soap, setup.Wsa);
        var createId = NewId();
        var offerId = setup.Offer ? NewId() : null;
        var created = await SendOkAsync(soap, RmAction(rm, "CreateSequence"), MessageId(wsa, createId), CreateSequence(rm, wsa, Anonymous(wsa), offerId));
        var id = created!.Descendants(Of(rm) + "CreateSequenceResponse").Single().Element(Of(rm) + "Identifier")!.Value;

        for (var n = 1; n <= setup.Messages; n++)
            await SendOkAsync(soap, AddItemAction, Sequence(rm, id, n.ToString(System.Globalization.CultureInfo.InvariantCulture)), AddItem(Guid.NewGuid(), n));
        var last = setup.Messages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (setup.End)
        {
            case SetupEnd.LastMessage:
                await SendOkAsync(soap, RmAction(rm, "LastMessage"), Sequence(rm, id, (setup.Messages + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), last: true), "");
                break;
            case SetupEnd.Closed:
                await SendOkAsync(soap, RmAction(rm, "CloseSequence"), MessageId(wsa), CloseSequence(rm, id, last));
                break;
            case SetupEnd.Terminated:
                await SendOkAsync(soap, RmAction(rm, "TerminateSequence"), rm == Rm.V11 ? MessageId(wsa) : "", TerminateSequence(rm, id, rm == Rm.V11 ? last : null));
                break;
        }
        return new SequenceRef(setup, id, offerId, createId);

        async Task<XElement?> SendOkAsync(Soap version, string action, string headers, string body)
        {
            var all = Action(wsa, action) + (wsa == Wsa.V04 ? ReplyTo(wsa, Wsa04Anonymous) : "") + To(wsa, Service) + headers;
            var answer = await SendAsync(HostileRequest.Xml(version, Envelope(version, all, body), version == Soap.S11 ? action : null));
            if (answer.Status is not (200 or 202))
                throw new InvalidOperationException($"Preparing {setup}: {action} answered {answer.Status}: {answer.Body}");
            return answer.Body.Length == 0 ? null : XElement.Parse(answer.Body);
        }
    }
}

public sealed record HostileAnswer(int Status, string? MediaType, string Body);

public sealed record DbSnapshot(ImmutableSortedDictionary<string, long> Counts, string OthersDigest, string? TargetRow, string? TargetRowWithoutActivity, int? TargetStatus);
