using DuplexBus.Configuration;
using DuplexBus.Edge;
using DuplexBus.Health;
using DuplexBus.Host;
using DuplexBus.Host.WorkService;

var builder = WebApplication.CreateBuilder(args);
var mode = HostMode.From(builder.Configuration, builder.Environment);
builder.Services.AddDuplexBus(builder.Configuration.GetSection("DuplexBus"), mode.Configure);

var app = builder.Build();

if (args.Contains("migrate"))
    return await Commands.MigrateAsync(app.Services);

app.Logger.Starting(mode.Description);
app.MapDuplexBusHealthChecks();
app.MapDuplexBusEndpoint("/services/work", WorkServiceContract.Service);
await app.RunAsync();
return 0;
