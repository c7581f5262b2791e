using DuplexBus.Persistence;
using Npgsql;
using Xunit;

namespace DuplexBus.Tests.Persistence;

public sealed class PostgreSqlDialectTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Database=d", 64)]
    [InlineData("Host=127.0.0.1;Database=d;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;Database=d;MaxAutoPrepare=5", 5)]
    public void Statements_are_prepared_automatically_unless_the_connection_string_chose(string connectionString, int expected)
    {
        var result = new NpgsqlConnectionStringBuilder(PostgreSqlDialect.WithDefaults(connectionString));

        Assert.Equal(expected, result.MaxAutoPrepare);
        Assert.Equal("d", result.Database);
    }
}
