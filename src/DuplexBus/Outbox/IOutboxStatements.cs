using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Outbox;

/// <summary>The relay's statements on the outbox table, each database its own way.</summary>
internal interface IOutboxStatements
{
    /// <summary>Selects up to <paramref name="batchSize"/> unsent outbox rows in commit order, skipping rows another relay holds.</summary>
    string Claim(int batchSize);

    /// <summary>
    /// Makes this transaction the only relay publishing right now, so bus order follows commit order. The database
    /// ends the transaction (and so the turn) if it stays idle or a statement runs longer than
    /// <paramref name="holdLimit"/>: a relay whose host vanished without closing its connection cannot hold the
    /// turn for longer than that.
    /// </summary>
    Task<bool> TryTakeRelayTurnAsync(DbContext db, TimeSpan holdLimit, CancellationToken cancellationToken);
}
