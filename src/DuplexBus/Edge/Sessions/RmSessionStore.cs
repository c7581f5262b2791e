using DuplexBus.Parking;
using DuplexBus.Persistence;
using DuplexBus.Protocol.ReliableMessaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Edge.Sessions;

/// <summary>Sequences, held messages and stored replies, read and written inside the caller's transaction.</summary>
internal sealed class RmSessionStore([FromKeyedServices(DuplexBusDatabase.Key)] DbContext db, IDatabaseDialect dialect)
{
    private readonly Dictionary<string, RmSequenceRow> _rows = new(StringComparer.Ordinal);

    /// <summary>Reads a sequence without locking it: what a message can be judged by before its transaction.</summary>
    public async Task<RmSequence?> PeekAsync(string id, CancellationToken cancellationToken)
    {
        var row = await db.Set<RmSequenceRow>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : RmSequenceMapping.ToSequence(row);
    }

    /// <summary>The id of the sequence whose offered reply sequence is <paramref name="replySequenceId"/> at this endpoint for this client.</summary>
    public Task<string?> FindByReplySequenceAsync(string replySequenceId, RmCaller caller, CancellationToken cancellationToken) =>
        db.Set<RmSequenceRow>().AsNoTracking()
            .Where(s => s.ReplySequenceId == replySequenceId && s.Endpoint == caller.Endpoint && s.Owner == caller.Owner)
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Stored replies the client has acknowledged are no longer needed: it will not ask for them again.</summary>
    public async Task DeleteAcknowledgedRepliesAsync(string sequenceId, AckRanges acknowledged, CancellationToken cancellationToken)
    {
        foreach (var range in acknowledged.Ranges)
        {
            var (lower, upper) = (range.Lower, range.Upper);
            await db.Set<RmReplyRow>()
                .Where(r => r.SequenceId == sequenceId && r.ReplyNumber >= lower && r.ReplyNumber <= upper)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Park(ParkedMessage message) => db.Set<ParkedMessage>().Add(message);

    public async Task<RmSequence?> FindByCreateMessageIdAsync(string messageId, CancellationToken cancellationToken)
    {
        var row = await db.Set<RmSequenceRow>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.CreateMessageId == messageId, cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : RmSequenceMapping.ToSequence(row);
    }

    /// <summary>Forgets an insert that failed, so the context can be used again.</summary>
    public void Forget(RmSequence sequence)
    {
        if (_rows.Remove(sequence.Id, out var row))
            db.Entry(row).State = EntityState.Detached;
    }

    /// <summary>Loads a sequence and locks its row until the transaction ends, so its messages are decided one at a time.</summary>
    public async Task<RmSequence?> LoadForUpdateAsync(string id, CancellationToken cancellationToken)
    {
        var row = await db.Set<RmSequenceRow>()
            .FromSqlRaw(dialect.SelectForUpdate("rm_sequence", "id"), id)
            .AsTracking()
            .SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (row is null)
            return null;
        _rows[row.Id] = row;
        return RmSequenceMapping.ToSequence(row);
    }

    /// <summary>Loads and locks several sequences at once (a group commit), in id order.</summary>
    public async Task<Dictionary<string, RmSequence>> LoadManyForUpdateAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var (sql, parameters) = dialect.SelectManyForUpdate("rm_sequence", "id", ids);
        var rows = await db.Set<RmSequenceRow>().FromSqlRaw(sql, parameters).AsTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
            _rows[row.Id] = row;
        return rows.ToDictionary(r => r.Id, RmSequenceMapping.ToSequence, StringComparer.Ordinal);
    }

    public void Save(RmSequence sequence)
    {
        if (!_rows.TryGetValue(sequence.Id, out var row))
        {
            row = new RmSequenceRow();
            RmSequenceMapping.CopyTo(sequence, row);
            db.Set<RmSequenceRow>().Add(row);
            _rows[sequence.Id] = row;
            return;
        }
        RmSequenceMapping.CopyTo(sequence, row);
    }

    public void Hold(string sequenceId, long number, string? messageType, string? body) =>
        db.Set<RmHeldMessageRow>().Add(new RmHeldMessageRow { SequenceId = sequenceId, Number = number, MessageType = messageType, Body = body });

    /// <summary>Removes and returns the held messages numbered from..through, in number order.</summary>
    public async Task<List<RmHeldMessageRow>> TakeHeldAsync(string sequenceId, long from, long through, CancellationToken cancellationToken)
    {
        // Messages held earlier in the same transaction are still only in the change tracker: write them first.
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var held = await db.Set<RmHeldMessageRow>()
            .Where(m => m.SequenceId == sequenceId && m.Number >= from && m.Number <= through)
            .OrderBy(m => m.Number)
            .AsTracking()
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        db.Set<RmHeldMessageRow>().RemoveRange(held);
        return held;
    }

    public Task<RmReplyRow?> FindReplyAsync(string sequenceId, long requestNumber, CancellationToken cancellationToken) =>
        db.Set<RmReplyRow>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.SequenceId == sequenceId && r.RequestNumber == requestNumber, cancellationToken);

    public void AddReply(RmReplyRow reply) => db.Set<RmReplyRow>().Add(reply);
}
