using DuplexBus.Callbacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DuplexBus.Persistence;

/// <summary>
/// The SQL that differs between PostgreSQL and SQLite, kept in one place: row locks, the outbox claim,
/// and how each reports a duplicate key.
/// </summary>
public interface IDatabaseDialect
{
    string Name { get; }

    /// <summary>Begins the write transaction of one step of the message path (edge, relay, saga).</summary>
    Task<IDbContextTransaction> BeginTransactionAsync(DbContext db, CancellationToken cancellationToken);

    /// <summary>Selects one row by key and locks it for the rest of the transaction (where the database can).</summary>
    string SelectForUpdate(string table, string keyColumn);

    /// <summary>Selects the rows with the given keys, locked, in key order (so concurrent batches never deadlock).</summary>
    /// <returns>The SQL and its parameters.</returns>
    (string Sql, object[] Parameters) SelectManyForUpdate(string table, string keyColumn, IReadOnlyList<string> keys);

    /// <summary>Selects up to <paramref name="batchSize"/> unsent outbox rows in commit order, skipping rows another relay holds.</summary>
    string ClaimOutbox(int batchSize);

    /// <summary>
    /// Leases up to <paramref name="batchSize"/> pending callbacks due by the database's clock, earliest first,
    /// skipping rows another dispatcher holds, in one statement inside the caller's transaction: stamps them with
    /// <paramref name="leaseId"/> and moves their due time to the database's now plus <paramref name="lease"/>.
    /// Hosts' clocks are never compared with the row's times: they drift apart.
    /// </summary>
    Task<IReadOnlyList<CallbackMessage>> ClaimCallbacksAsync(DbContext db, int batchSize, Guid leaseId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Writes each outcome to its callback row, but only where the row is still pending under the lease the outcome
    /// was attempted with, inside the caller's transaction. A retry is due its delay after the database's now.
    /// </summary>
    /// <returns>For each outcome, whether its row was changed.</returns>
    Task<bool[]> RecordCallbacksAsync(DbContext db, IReadOnlyList<CallbackOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back callbacks claimed and not attempted, where each is still under the lease it was claimed with: due
    /// again each one's delay after the database's now, attempts and last result unchanged.
    /// </summary>
    /// <returns>How many were given back.</returns>
    Task<int> ReleaseCallbacksAsync(DbContext db, IReadOnlyList<CallbackGiveBack> callbacks, CancellationToken cancellationToken);

    /// <summary>
    /// Makes this transaction the only relay publishing right now, so bus order follows commit order. The database
    /// ends the transaction (and so the turn) if it stays idle or a statement runs longer than
    /// <paramref name="holdLimit"/>: a relay whose host vanished without closing its connection cannot hold the
    /// turn for longer than that.
    /// </summary>
    Task<bool> TryTakeRelayTurnAsync(DbContext db, TimeSpan holdLimit, CancellationToken cancellationToken);

    bool IsUniqueViolation(Exception exception);
}
