using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DuplexBus.Persistence;

/// <summary>
/// What every step's store needs from its database and each database gives its own way: the write transaction, row
/// locks, and how a duplicate key is reported. A step's own statements live with the step (the outbox relay's in
/// <c>Outbox</c>, the dispatcher's in <c>Callbacks</c>).
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

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) reports a duplicate key.</summary>
    bool IsUniqueViolation(Exception exception);
}
