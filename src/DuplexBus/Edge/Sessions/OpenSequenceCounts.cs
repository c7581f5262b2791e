using System.Data.Common;
using System.Globalization;
using DuplexBus.Protocol.ReliableMessaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DuplexBus.Edge.Sessions;

/// <summary>
/// How many sequences are open, for admitting a CreateSequence under <see cref="RmLimits.MaxOpenSequences"/> and
/// <see cref="RmLimits.MaxOpenSequencesPerClient"/>, without counting the open sequences on every CreateSequence.
/// </summary>
/// <remarks>
/// <para>
/// Each limit has a row in rm_admission that holds an upper bound on its open sequences. A create commit
/// (<see cref="CreateCommit"/>) raises its clients' bounds and then the global one by the sequences it would open,
/// inside its transaction and before it decides. The upsert locks the row until commit, so the creates of every
/// host sharing the database take their places one after the other and none can see room that another has taken;
/// client rows are always locked in key order and before the global one, so two commits never wait on each other
/// crosswise. A failed commit rolls back, and its increments go with it.
/// </para>
/// <para>
/// Only a create raises a bound, and only a recount under the row's lock lowers it (a deleted row counts again), so
/// a bound is never below the true number. Sequences that end (close, LastMessage, terminate, expiry, a row changed
/// by hand) therefore need no bookkeeping: no hot row on the message path, and no lock order to keep with the
/// sequence rows that the group commit and the expiry sweep lock. While a bound leaves room for every create of the
/// commit they are admitted on the bound alone. Otherwise the sequences are counted, in a statement that starts
/// after the lock is held and so (read committed) sees every create that took a place before it, and the bound is
/// set to that exact number plus those admitted: a refusal is always exact. The count costs what it did before,
/// but only at the limit, not on every create.
/// </para>
/// <para>
/// Counting on every create under an advisory lock (two <c>count(*)</c> of up to 10,000 rows in the quick memory
/// benchmark, each create waiting for the previous one's count and commit) let about 100 CreateSequence/s through
/// on PostgreSQL; an index-only count is still linear in the open sequences, and an advisory lock only around the
/// count would let two creates count before either commits. A counter row that every end of a sequence lowers
/// would be exact, but would put that hot row, and its lock, on the message path. The global row still makes
/// create commits go one at a time, across hosts: <see cref="CreateCommit"/> puts many creates in each.
/// </para>
/// <para>The statements are the same on PostgreSQL and SQLite (upsert with RETURNING), whose single writer needs no lock.</para>
/// </remarks>
internal sealed class OpenSequenceCounts(DbContext db)
{
    /// <summary>The key of the global bound: client keys always carry a <c>user:</c> or <c>address:</c> prefix.</summary>
    public const string AllClients = "*";

    /// <summary>
    /// What a new row holds until its count: a client's first create, the first after the table was added to a
    /// database that already has open sequences, or any after a row was deleted, counts and sets it. So a row can
    /// be deleted at any time without losing the bound, and the migration needs no count of its own.
    /// </summary>
    private const long Unknown = long.MaxValue;

    private const string Take = """
        INSERT INTO rm_admission (client, open_at_most) VALUES (@client, @unknown)
        ON CONFLICT (client) DO UPDATE SET open_at_most = rm_admission.open_at_most + @demand
        RETURNING open_at_most
        """;

    /// <summary>What makes a row of rm_sequence an open sequence: active, and its last message not yet known.</summary>
    public const string OpenCondition = "status = 0 AND last_number IS NULL";

    private const string CountAll = "SELECT count(*) FROM rm_sequence WHERE " + OpenCondition;

    private const string CountClient = CountAll + " AND client = @client";

    private const string SetBound = "UPDATE rm_admission SET open_at_most = @open WHERE client = @client";

    private readonly Dictionary<string, Bound> _bounds = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes places for new sequences, one per entry of <paramref name="clients"/> (a client's key once per
    /// sequence), in the current transaction: its clients' bounds in key order, then the global one. The caller
    /// refuses them all by rolling back.
    /// </summary>
    public async Task TakeAsync(IEnumerable<string> clients, RmLimits limits, CancellationToken cancellationToken)
    {
        var demand = clients.GroupBy(c => c, StringComparer.Ordinal).Select(g => (Client: g.Key, Count: g.Count()))
            .OrderBy(d => d.Client, StringComparer.Ordinal).ToList();
        foreach (var (client, count) in demand)
            _bounds[client] = await TakeAsync(client, CountClient, count, limits.MaxOpenSequencesPerClient, cancellationToken).ConfigureAwait(false);
        _bounds[AllClients] = await TakeAsync(AllClients, CountAll, demand.Sum(d => d.Count), limits.MaxOpenSequences, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The open sequences besides the next new one of <paramref name="client"/>, in all and of that client (see
    /// <see cref="RmSequence.CountsAsOpen"/>): exact when a limit is reached, an upper bound under it.
    /// </summary>
    public (long All, long ForClient) Open(string client) => (_bounds[AllClients].Others, _bounds[client].Others);

    /// <summary>The next new sequence of <paramref name="client"/> is admitted: it counts for the ones after it.</summary>
    public void Admitted(string client)
    {
        _bounds[AllClients].Others++;
        _bounds[client].Others++;
    }

    /// <summary>
    /// Writes the bounds that were counted: the count and what was admitted since. The others keep what
    /// <see cref="TakeAsync(IEnumerable{string}, RmLimits, CancellationToken)"/> added, still an upper bound when
    /// some of those creates were refused by the other limit.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, bound) in _bounds)
        {
            if (!bound.Counted)
                continue;
            await using var set = Command(SetBound, key);
            Add(set, "@open", bound.Others);
            await set.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Bound> TakeAsync(string key, string count, int demand, int limit, CancellationToken cancellationToken)
    {
        await using var take = Command(Take, key);
        Add(take, "@unknown", Unknown);
        Add(take, "@demand", (long)demand);
        var atMost = await ScalarAsync(take, cancellationToken).ConfigureAwait(false);
        if (atMost <= limit)
            return new Bound { Others = atMost - demand };
        // The new sequences are not inserted yet, so the count is of the others.
        await using var exact = Command(count, key);
        return new Bound { Others = await ScalarAsync(exact, cancellationToken).ConfigureAwait(false), Counted = true };
    }

    private static async Task<long> ScalarAsync(DbCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);

    private DbCommand Command(string sql, string client)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Open sequences are counted inside the CreateSequence transaction.");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = sql;
        Add(command, "@client", client);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed class Bound
    {
        /// <summary>Open sequences besides the next new one.</summary>
        public long Others { get; set; }

        /// <summary>Whether <see cref="Others"/> was counted in this transaction (and is to be written back).</summary>
        public bool Counted { get; init; }
    }
}
