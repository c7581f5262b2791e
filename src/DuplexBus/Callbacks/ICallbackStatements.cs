using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Callbacks;

/// <summary>
/// The dispatcher's three statements on the callback table, each run inside the caller's transaction. Each database
/// writes them its own way; every time that decides who may send what is the database's clock, never a host's.
/// </summary>
public interface ICallbackStatements
{
    /// <summary>
    /// Leases up to <paramref name="batchSize"/> pending callbacks due by the database's clock, earliest first,
    /// skipping rows another dispatcher holds, in one statement: stamps them with <paramref name="leaseId"/> and moves
    /// their due time to the database's now plus <paramref name="lease"/>; and, after that, when the earliest pending
    /// callback comes due, so an idle dispatcher sleeps until then.
    /// </summary>
    Task<CallbackClaim> ClaimAsync(DbContext db, int batchSize, Guid leaseId, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Writes each outcome to its callback row, but only where the row is still pending under the lease the outcome
    /// was attempted with. A retry is due its delay after the database's now.
    /// </summary>
    /// <returns>For each outcome, whether its row was changed.</returns>
    Task<bool[]> RecordAsync(DbContext db, IReadOnlyList<CallbackOutcome> outcomes, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back callbacks claimed and not attempted, where each is still under the lease it was claimed with: due
    /// again each one's delay after the database's now, attempts and last result unchanged.
    /// </summary>
    /// <returns>How many were given back.</returns>
    Task<int> ReleaseAsync(DbContext db, IReadOnlyList<CallbackGiveBack> callbacks, CancellationToken cancellationToken);
}
