using DuplexBus.Testing;
using Npgsql;

namespace DuplexBus.Benchmarks;

/// <summary>The production-mode host every benchmark measures: PostgreSQL and RabbitMQ of its own on the shared servers.</summary>
internal static class ProductionHost
{
    private const string RabbitMqVariable = "ConnectionStrings__RabbitMq";

    /// <summary>Options for a host on a fresh database and virtual host named <paramref name="name"/>; the database's connection string beside them.</summary>
    public static async Task<(HostProcessOptions Options, string Database)> OptionsAsync(ServersFixture servers, string name)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var database = await servers.CreateDatabaseAsync(name);
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = database;
        options.Environment[RabbitMqVariable] = await servers.CreateVirtualHostAsync(name);
        return (options, database);
    }

    /// <summary>
    /// Drops the database and deletes the virtual host that <see cref="OptionsAsync"/> made (once its hosts have
    /// stopped), so what a row left queued does not weigh on the rows after it. A broker that is not ours is left alone.
    /// </summary>
    public static async Task DropAsync(ServersFixture servers, HostProcessOptions options, string database)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(options);
        var name = new NpgsqlConnectionStringBuilder(database).Database;
        var admin = new NpgsqlConnectionStringBuilder(servers.Postgres.AdminConnectionString) { Pooling = false }.ConnectionString;
        NpgsqlConnection.ClearAllPools();
        // The name is [a-z0-9_] only (ServersFixture made it), so quoting it is enough.
        await Sql.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        if (servers.RabbitMq.CanControl && options.Environment.TryGetValue(RabbitMqVariable, out var amqp))
        {
            var virtualHost = Uri.UnescapeDataString(new Uri(amqp).AbsolutePath.Trim('/'));
            if (virtualHost.Length > 0)
                await servers.RabbitMq.ControlAsync("delete_vhost", virtualHost);
        }
    }
}
