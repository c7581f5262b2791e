using DuplexBus.Configuration;
using DuplexBus.Edge;
using DuplexBus.Edge.Security;
using DuplexBus.Health;
using DuplexBus.Host;
using DuplexBus.Host.OrderService;
using DuplexBus.Host.Telemetry;
using DuplexBus.Host.WorkService;
using DuplexBus.Samples.ServiceContracts.Orders;
using DuplexBus.Samples.ServiceContracts.Work;
using MassTransit;

if (args.Contains("hash-secret"))
    return Commands.HashSecret(args, Console.In);

// Settings ship next to the binary; relative paths in them (the embedded data folder) resolve against the
// working directory, so `dotnet run` from the repository keeps its data in ./data.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var mode = HostMode.From(builder.Configuration);
// HTTPS and the client-certificate mode come from Kestrel's own configuration (Kestrel:Endpoints:Https:…). Kestrel
// lets any client certificate through the handshake; the endpoints that take certificates judge them per path.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.AllowAnyClientCertificate()));
builder.Services.AddDuplexBus(builder.Configuration.GetSection("DuplexBus"), mode.ConfigureDatabase);
builder.Services.AddMassTransit(mode.ConfigureBus);
builder.AddHostTelemetry();

var app = builder.Build();
// Mapped before any command runs: replaying a message an endpoint parked translates it with that endpoint's contract.
app.MapDuplexBusEndpoint<IWorkService>("/services/work", WorkServiceEndpoint.Configure)
    .RequireSoapAuthentication(builder.Configuration.GetSection("Samples:Work:Security"));

app.MapDuplexBusEndpoint<IOrderService>("/services/orders", OrderServiceEndpoint.Configure)
    .RequireSoapAuthentication(builder.Configuration.GetSection("Samples:Orders:Security"));

// More paths for the same service, each with its own credentials (e.g. one for certificate clients, one for
// passwords): Samples:Work:Endpoints:<n>:Path and :Security.
foreach (var endpoint in builder.Configuration.GetSection("Samples:Work:Endpoints").GetChildren())
{
    app.MapDuplexBusEndpoint<IWorkService>(endpoint["Path"] ?? throw new InvalidOperationException($"{endpoint.Path}:Path is not set."), WorkServiceEndpoint.Configure)
        .RequireSoapAuthentication(endpoint.GetSection("Security"));
}

if (args.Contains("migrate"))
    return await Commands.MigrateAsync(app.Services);
if (args.Contains("callbacks"))
    return await Commands.CallbacksAsync(app.Services, args);
if (args.Contains("parked"))
    return await Commands.ParkedAsync(app.Services, args);

app.Logger.Starting(mode.Description);
app.MapDuplexBusHealthChecks();
app.MapHostTelemetry();
app.MapDuplexBusConsole();
await app.RunAsync();
return 0;
