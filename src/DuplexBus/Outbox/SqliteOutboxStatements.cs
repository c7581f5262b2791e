using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Outbox;

/// <summary>One process owns an SQLite file and its write gate serialises transactions: every turn is this relay's.</summary>
internal sealed class SqliteOutboxStatements : IOutboxStatements
{
    public string Claim(int batchSize) =>
        $"SELECT * FROM outbox_message WHERE sent_at IS NULL ORDER BY seq LIMIT {batchSize}";

    public Task<bool> TryTakeRelayTurnAsync(DbContext db, TimeSpan holdLimit, CancellationToken cancellationToken) => Task.FromResult(true);
}
