using System.Xml.Linq;
using DuplexBus.Configuration;
using DuplexBus.Edge;
using DuplexBus.Edge.Operations;
using DuplexBus.IntegrationTests.Store;
using DuplexBus.Persistence;
using DuplexBus.Samples.Contracts;
using DuplexBus.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// A request-reply handler that is slow (here: held until the test lets it go) and writes to the database itself
/// runs before its sequence is locked and outside any transaction: the same sequence's keep-alive, other sessions
/// and new sessions are served meanwhile, and on SQLite the handler's own write does not deadlock on the write gate.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class SlowHandlerTests(ServersFixture servers)
{
    private const string Ns = "urn:duplexbus:tests";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("PostgreSQL")]
    [InlineData("SQLite")]
    public async Task A_slow_handler_holds_up_no_other_message(string database)
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = SoapService.Contract(Ns, "Slow")
            .OneWay("Note", body => new AddItem(body.ReadGuid("instanceId"), body.ReadInt32("index"), "v"))
            .RequestReply("Wait", async (body, services, ct) =>
            {
                entered.TrySetResult();
                var db = services.GetRequiredService<DuplexBusDbContext>();
                await using (var transaction = await services.GetRequiredService<IDatabaseDialect>().BeginTransactionAsync(db, ct))
                    await transaction.CommitAsync(ct);
                await release.Task.WaitAsync(ct);
                return 42;
            })
            .Build();

        var folder = Directory.CreateTempSubdirectory("duplexbus-slow-");
        var connectionString = database == "PostgreSQL"
            ? await servers.CreateDatabaseAsync("slowhandler")
            : $"Data Source={Path.Combine(folder.FullName, "slow.db")};Pooling=True;Default Timeout=30";
        await using var app = await StartAsync(service, database, connectionString);
        try
        {
            var endpoint = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/slow");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var a = new RawRm(http, endpoint, RawRm.Rm11);
            var sequenceA = await a.CreateSequenceAsync($"urn:uuid:{Guid.NewGuid()}");

            var slow = a.SendAsync(Ns + "/Slow/Wait", RawRm.SequenceHeader(sequenceA, "1"), $"<Wait xmlns=\"{Ns}\"/>", $"urn:uuid:{Guid.NewGuid()}");
            await entered.Task.WaitAsync(Bound);

            // Meanwhile: the same sequence's keep-alive, a new session, and its one-way message.
            var keepAlive = await a.SendAsync(RawRm.Rm11 + "/AckRequested", $"<r:AckRequested><r:Identifier>{sequenceA}</r:Identifier></r:AckRequested>", "").WaitAsync(Bound);
            Assert.Equal(200, keepAlive.Status);
            var b = new RawRm(http, endpoint, RawRm.Rm11);
            var sequenceB = await b.CreateSequenceAsync().WaitAsync(Bound);
            var note = await b.SendAsync(Ns + "/Slow/Note", RawRm.SequenceHeader(sequenceB, "1"),
                $"<Note xmlns=\"{Ns}\"><instanceId>{Guid.NewGuid()}</instanceId><index>1</index></Note>").WaitAsync(Bound);
            Assert.Equal(200, note.Status);
            Assert.False(slow.IsCompleted);

            release.SetResult();
            var (status, reply) = await slow.WaitAsync(Bound);
            Assert.Equal(200, status);
            Assert.Equal("42", reply!.Descendants(XName.Get("WaitResult", Ns)).Single().Value);
        }
        finally
        {
            release.TrySetResult();
            await app.StopAsync();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<WebApplication> StartAsync(SoapService service, string database, string connectionString)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["DuplexBus:Database:MigrateAtStartup"] = "false";
        builder.Services.AddDuplexBus(builder.Configuration.GetSection("DuplexBus"), bus =>
        {
            if (database == "PostgreSQL")
                bus.UsePostgreSql<StoreTestDbContext>(connectionString);
            else
                bus.UseSqlite<StoreTestDbContext>(connectionString);
            bus.UseInMemoryTransport();
        });
        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DuplexBusDbContext>().Database.EnsureCreatedAsync();
        app.MapDuplexBusEndpoint("/slow", service);
        await app.StartAsync();
        return app;
    }
}
