using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DuplexBus.Resilience;

/// <summary>
/// Whether a failure can pass by itself — the database or the broker is down, restarting, out of disk, busy, or
/// another writer won a race — so the work should wait and try again in place rather than be parked. Everything
/// else (a bug, a message that does not fit its contract) fails the same way every time.
/// </summary>
public static class TransientFailure
{
    public static bool Is(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsTransientSqlState(postgres.SqlState);
                case NpgsqlException { IsTransient: true }:
                case DbUpdateConcurrencyException:
                case TimeoutException:
                case SocketException:
                case IOException:
                    return true;
                case SqliteException sqlite:
                    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL.
                    return sqlite.SqliteErrorCode is 5 or 6 or 10 or 13;
            }
            if (IsBrokerConnectionFailure(e))
                return true;
        }
        return false;
    }

    /// <summary>
    /// PostgreSQL error classes that describe the server or the moment, not the statement: connection exceptions
    /// (08), serialization failures and deadlocks (40001, 40P01), insufficient resources such as a full disk (53),
    /// operator intervention such as a shutdown or a statement timeout (57), system errors such as I/O (58), lock
    /// timeouts (55P03), an idle transaction ended by the server (25P03), and a unique violation, which is a lost
    /// race for the first insert (the retry loads the winner's row).
    /// </summary>
    public static bool IsTransientSqlState(string sqlState)
    {
        ArgumentNullException.ThrowIfNull(sqlState);
        return sqlState.StartsWith("08", StringComparison.Ordinal)
            || sqlState.StartsWith("53", StringComparison.Ordinal)
            || sqlState.StartsWith("57", StringComparison.Ordinal)
            || sqlState.StartsWith("58", StringComparison.Ordinal)
            || sqlState is "40001" or "40P01" or "55P03" or "25P03" or "23505";
    }

    // Matched by name: the broker client's exception types belong to the transport, which this layer does not reference.
    private static bool IsBrokerConnectionFailure(Exception e) =>
        e.GetType().FullName is "RabbitMQ.Client.Exceptions.AlreadyClosedException"
            or "RabbitMQ.Client.Exceptions.BrokerUnreachableException"
            or "RabbitMQ.Client.Exceptions.OperationInterruptedException"
            or "RabbitMQ.Client.Exceptions.ConnectFailureException"
            or "MassTransit.RabbitMqConnectionException"
            or "MassTransit.ConnectionException";

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                    pending.Push(inner);
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
