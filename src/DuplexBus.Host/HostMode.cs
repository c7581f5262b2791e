using DuplexBus.Configuration;
using DuplexBus.Host.Persistence;
using DuplexBus.Samples.Sagas;
using DuplexBus.Samples.Sagas.Orders;
using MassTransit;

namespace DuplexBus.Host;

/// <summary>
/// Production mode when the connection strings are set (PostgreSQL + RabbitMQ); otherwise the embedded default
/// (SQLite file + in-memory bus), which needs no servers. Each half is chosen on its own.
/// </summary>
internal sealed class HostMode
{
    private readonly string? _postgres;
    private readonly string? _rabbitMq;
    private readonly IReadOnlyList<string> _rabbitMqNodes;
    private readonly string _sqliteFile;

    private readonly IConfiguration _configuration;

    private HostMode(string? postgres, string? rabbitMq, string sqliteFile, IConfiguration configuration)
    {
        _configuration = configuration;
        _postgres = postgres;
        _rabbitMq = rabbitMq;
        _sqliteFile = sqliteFile;
        // Read here, before anything starts, so a bad node address stops the host with the key's name.
        _rabbitMqNodes = rabbitMq is null ? [] : RabbitMqClusterNodes.From(BrokerUri(rabbitMq), configuration);
    }

    public string Description =>
        (_postgres is null ? $"SQLite at {_sqliteFile}" : "PostgreSQL")
        + (_rabbitMq is null ? ", in-memory bus (embedded default: not for production)"
            : _rabbitMqNodes.Count == 0 ? ", RabbitMQ" : $", RabbitMQ cluster ({string.Join(", ", _rabbitMqNodes)})");

    public static HostMode From(IConfiguration configuration)
    {
        var dataDirectory = configuration["DuplexBus:Embedded:DataDirectory"] ?? "data";
        dataDirectory = Path.GetFullPath(dataDirectory);
        return new HostMode(
            NullIfEmpty(configuration.GetConnectionString("DuplexBus")),
            NullIfEmpty(configuration.GetConnectionString("RabbitMq")),
            Path.Combine(dataDirectory, "duplexbus.db"),
            configuration);
    }

    /// <summary>The database half, for <c>AddDuplexBus</c>.</summary>
    public void ConfigureDatabase(DuplexBusConfigurator bus)
    {
        if (_postgres is not null)
        {
            bus.UsePostgreSql<WorkDbContext>(_postgres);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_sqliteFile)!);
            bus.UseSqlite<WorkSqliteDbContext>($"Data Source={_sqliteFile};Pooling=True;Default Timeout=30");
            // The host's queries and commands ask for WorkDbContext, whichever database it is on.
            bus.Services.AddScoped<WorkDbContext>(sp => sp.GetRequiredService<WorkSqliteDbContext>());
        }
    }

    /// <summary>
    /// The bus half: the host's own MassTransit set-up, with DuplexBus's outbox added. The kebab-case names are the
    /// host's choice (the queue names operators, tests and the fault suite know: <c>work-state</c>, <c>work-consumer</c>, …).
    /// </summary>
    public void ConfigureBus(IBusRegistrationConfigurator x)
    {
        x.SetKebabCaseEndpointNameFormatter();
        x.AddDuplexBusOutbox();
        x.AddWorkSample(_configuration.GetSection("Samples:Work"));
        x.AddOrderSample(_configuration.GetSection("Samples:Orders"));

        if (_rabbitMq is not null)
        {
            var uri = BrokerUri(_rabbitMq);
            x.AddDuplexBusBacklogLimit(uri, _rabbitMqNodes);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(uri, h =>
                {
                    h.PublisherConfirmation = true;
                    // Each new connection (the first, and every one after a lost node) goes to the next node in turn.
                    if (_rabbitMqNodes.Count > 0)
                        h.UseCluster(cluster => { foreach (var node in _rabbitMqNodes) cluster.Node(node); });
                });
                cfg.ConfigureEndpoints(context);
            });
        }
        else
        {
            x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        }
    }

    private static Uri BrokerUri(string connectionString)
    {
        var uri = new Uri(connectionString);
        if (uri.Scheme is not ("amqp" or "amqps"))
            throw new InvalidOperationException($"ConnectionStrings:RabbitMq must be an amqp:// or amqps:// address, not {uri.Scheme}://.");
        return uri;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
