using DuplexBus.Testing;

namespace DuplexBus.Benchmarks;

/// <summary>The production-mode host every benchmark measures: PostgreSQL and RabbitMQ of its own on the shared servers.</summary>
internal static class ProductionHost
{
    /// <summary>Options for a host on a fresh database and virtual host named <paramref name="name"/>; the database's connection string beside them.</summary>
    public static async Task<(HostProcessOptions Options, string Database)> OptionsAsync(ServersFixture servers, string name)
    {
        var database = await servers.CreateDatabaseAsync(name);
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = database;
        options.Environment["ConnectionStrings__RabbitMq"] = await servers.CreateVirtualHostAsync(name);
        return (options, database);
    }
}
