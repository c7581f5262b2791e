using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace DuplexBus.Outbox;

internal sealed class PostgreSqlOutboxStatements : IOutboxStatements
{
    // An arbitrary constant shared by every relay of one database: "DuplexBus relay".
    private const long RelayLockKey = 0x4475_706C_6578_5231;

    public string Claim(int batchSize) =>
        $"SELECT * FROM outbox_message WHERE sent_at IS NULL ORDER BY seq LIMIT {batchSize} FOR UPDATE SKIP LOCKED";

    public async Task<bool> TryTakeRelayTurnAsync(DbContext db, TimeSpan holdLimit, CancellationToken cancellationToken)
    {
        // The lock lives as long as the transaction. TCP keepalives do not end it when the host is frozen or cut off
        // behind something that still answers (its kernel, a proxy), so the server bounds the transaction itself;
        // set_config(…, true) is SET LOCAL inside the one round trip that takes the lock.
        var milliseconds = ((long)holdLimit.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return await db.Database
            .SqlQuery<bool>(
                $"SELECT pg_try_advisory_xact_lock({RelayLockKey}) AS \"Value\" FROM (SELECT set_config('idle_in_transaction_session_timeout', {milliseconds}, true), set_config('statement_timeout', {milliseconds}, true)) AS bounds")
            .SingleAsync(cancellationToken)
            .ConfigureAwait(false);
    }
}
