using DuplexBus.Configuration;
using DuplexBus.Host.Persistence;
using DuplexBus.Samples.Sagas;
using DuplexBus.Samples.Sagas.Orders;

namespace DuplexBus.Host;

/// <summary>
/// Production mode when the connection strings are set (PostgreSQL + RabbitMQ); otherwise the embedded default
/// (SQLite file + in-memory bus), which needs no servers. Each half is chosen on its own.
/// </summary>
internal sealed class HostMode
{
    private readonly string? _postgres;
    private readonly string? _rabbitMq;
    private readonly string _sqliteFile;

    private readonly IConfiguration _configuration;

    private HostMode(string? postgres, string? rabbitMq, string sqliteFile, IConfiguration configuration)
    {
        _configuration = configuration;
        _postgres = postgres;
        _rabbitMq = rabbitMq;
        _sqliteFile = sqliteFile;
    }

    public string Description =>
        (_postgres is null ? $"SQLite at {_sqliteFile}" : "PostgreSQL")
        + (_rabbitMq is null ? ", in-memory bus (embedded default: not for production)" : ", RabbitMQ");

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

    public void Configure(DuplexBusConfigurator bus)
    {
        if (_postgres is not null)
        {
            bus.UsePostgreSql<WorkDbContext>(_postgres);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_sqliteFile)!);
            bus.UseSqlite<WorkSqliteDbContext>($"Data Source={_sqliteFile};Pooling=True;Default Timeout=30");
        }

        if (_rabbitMq is not null)
            bus.UseRabbitMq(new Uri(_rabbitMq));
        else
            bus.UseInMemoryTransport();

        bus.AddWorkSample(_configuration.GetSection("Samples:Work"));
        bus.AddOrderSample(_configuration.GetSection("Samples:Orders"));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
