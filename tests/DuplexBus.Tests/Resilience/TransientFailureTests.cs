using System.Net.Sockets;
using DuplexBus.Resilience;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace DuplexBus.Tests.Resilience;

public sealed class TransientFailureTests
{
    public static TheoryData<string, Exception, bool> Failures => new()
    {
        { "server shutting down (57P01)", Postgres("57P01"), true },
        { "cannot connect now, starting up (57P03)", Postgres("57P03"), true },
        { "statement timeout (57014)", Postgres("57014"), true },
        { "disk full (53100)", Postgres("53100"), true },
        { "too many connections (53300)", Postgres("53300"), true },
        { "connection failure (08006)", Postgres("08006"), true },
        { "serialization failure (40001)", Postgres("40001"), true },
        { "deadlock (40P01)", Postgres("40P01"), true },
        { "lock not available (55P03)", Postgres("55P03"), true },
        { "idle transaction ended by the server (25P03)", Postgres("25P03"), true },
        { "I/O error (58030)", Postgres("58030"), true },
        { "lost race for the first insert (23505)", Postgres("23505"), true },
        { "not-null violation (23502)", Postgres("23502"), false },
        { "undefined table (42P01)", Postgres("42P01"), false },
        { "invalid text representation (22P02)", Postgres("22P02"), false },
        { "EF wrapping a deadlock", new DbUpdateException("save failed", Postgres("40P01")), true },
        { "EF wrapping a check violation", new DbUpdateException("save failed", Postgres("23514")), false },
        { "optimistic concurrency", new DbUpdateConcurrencyException("stale"), true },
        { "broken stream", new NpgsqlException("Exception while reading from stream", new IOException("reset")), true },
        { "refused connection", new SocketException((int)SocketError.ConnectionRefused), true },
        { "timeout", new TimeoutException(), true },
        { "wrapped in an aggregate", new AggregateException(new InvalidOperationException("x"), new TimeoutException()), true },
        { "wrapped in an invalid operation", new InvalidOperationException("outer", new NpgsqlException("broken", new IOException())), true },
        { "SQLite busy", new SqliteException("busy", 5), true },
        { "SQLite constraint", new SqliteException("constraint", 19), false },
        { "a bug", new ArgumentNullException("value"), false },
        { "a body that does not fit", new FormatException("bad guid"), false },
        { "an invalid operation of its own", new InvalidOperationException("state machine refused"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failure_is_transient_only_when_it_describes_the_moment_not_the_message(string _, Exception failure, bool transient) =>
        Assert.Equal(transient, TransientFailure.Is(failure));

    private static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);
}
