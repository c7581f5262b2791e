using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Inbox;

/// <summary>
/// Marks a message as applied, inside the caller's transaction. The mark commits or rolls back with the
/// state change it guards: a rolled-back attempt leaves no mark, so the retry is not mistaken for a duplicate.
/// </summary>
public static class InboxStore
{
    private const string Insert =
        "INSERT INTO inbox_state (consumer, message_id, received_at) VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING";

    /// <returns>True when this is the first time <paramref name="consumer"/> sees <paramref name="messageId"/>.</returns>
    public static async Task<bool> TryMarkAsync(DbContext db, string consumer, Guid messageId, DateTime receivedAtUtc, CancellationToken cancellationToken)
    {
        var inserted = await db.Database
            .ExecuteSqlRawAsync(Insert, [consumer, messageId, receivedAtUtc], cancellationToken)
            .ConfigureAwait(false);
        return inserted == 1;
    }
}
