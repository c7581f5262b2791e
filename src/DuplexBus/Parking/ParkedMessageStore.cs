using System.Text.Json;
using DuplexBus.Outbox;
using DuplexBus.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Parking;

/// <summary>
/// The one place parked messages are kept, listed and replayed — by the CLI, the health check and any console.
/// A replay moves a message back into the outbox with its original MessageId, so the relay delivers it again in
/// outbox order and every inbox still recognises it.
/// </summary>
public sealed class ParkedMessageStore([FromKeyedServices(DuplexBusDatabase.Key)] DbContext db, IDatabaseDialect dialect, OutboxSignal signal, TimeProvider time, IParkedEnvelopeTranslator envelopes)
{
    public async Task ParkAsync(ParkedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.Set<ParkedMessage>().Add(message);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<ParkedMessage>> ListAsync(int limit, CancellationToken cancellationToken) =>
        await db.Set<ParkedMessage>().AsNoTracking().OrderByDescending(m => m.ParkedAt).Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<int> CountAsync(CancellationToken cancellationToken) => db.Set<ParkedMessage>().CountAsync(cancellationToken);

    /// <summary>
    /// Moves the chosen parked messages (by id, or every one from <paramref name="source"/>, or all when both are
    /// empty) back into the outbox in the order they were parked, in one transaction.
    /// </summary>
    /// <returns>What was replayed, and what could not be (its body is not a message the relay can read).</returns>
    public async Task<ReplayResult> ReplayAsync(IReadOnlyCollection<Guid> ids, string? source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var translated = await TranslateEnvelopesAsync(ids, source, cancellationToken).ConfigureAwait(false);
        await using var transaction = await dialect.BeginTransactionAsync(db, cancellationToken).ConfigureAwait(false);
        var query = db.Set<ParkedMessage>().AsTracking();
        if (ids.Count > 0)
            query = query.Where(m => ids.Contains(m.Id));
        if (source is not null)
            query = query.Where(m => m.Source == source);
        var parked = await query.OrderBy(m => m.ParkedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

        var replayed = new List<ParkedMessage>();
        var unreadable = new List<ParkedMessage>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var message in parked)
        {
            if (translated.TryGetValue(message.Id, out var translation))
            {
                if (translation.Refusal is not null)
                {
                    message.Reason = ParkReason.Truncate("Still refused on replay: " + translation.Refusal);
                    unreadable.Add(message);
                    continue;
                }
                (message.MessageType, message.Body) = (translation.MessageType!, translation.Body!);
            }
            else if (!IsJson(message.Body))
            {
                unreadable.Add(message);
                continue;
            }
            // A message parked by a consumer was published once: its sent outbox row (kept for a while) owns the id.
            await db.Set<OutboxMessage>().Where(m => m.MessageId == message.MessageId && m.SentAt != null)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            db.Set<OutboxMessage>().Add(new OutboxMessage
            {
                MessageId = message.MessageId,
                MessageType = message.MessageType,
                Body = message.Body,
                Destination = message.Destination,
                CreatedAt = now,
            });
            db.Set<ParkedMessage>().Remove(message);
            replayed.Add(message);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (replayed.Count > 0)
            signal.Notify();
        return new ReplayResult(replayed, unreadable);
    }

    /// <summary>
    /// Envelopes an endpoint parked are translated again — before the transaction, since that may resolve a callback
    /// host — exactly as a message arriving now would be.
    /// </summary>
    private async Task<Dictionary<Guid, ParkedTranslation>> TranslateEnvelopesAsync(IReadOnlyCollection<Guid> ids, string? source, CancellationToken cancellationToken)
    {
        var query = db.Set<ParkedMessage>().AsNoTracking().Where(m => m.Source.StartsWith(ParkedMessage.EdgeSourcePrefix));
        if (ids.Count > 0)
            query = query.Where(m => ids.Contains(m.Id));
        if (source is not null)
            query = query.Where(m => m.Source == source);
        var translated = new Dictionary<Guid, ParkedTranslation>();
        foreach (var message in await query.ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!IsJson(message.Body))
                translated[message.Id] = await envelopes.TranslateAsync(message.Source, message.MessageType, message.Body, cancellationToken).ConfigureAwait(false);
        }
        return translated;
    }

    private static bool IsJson(string body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
