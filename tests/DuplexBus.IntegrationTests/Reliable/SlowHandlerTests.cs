using System.ServiceModel;
using System.Xml.Linq;
using DuplexBus.Configuration;
using DuplexBus.Edge;
using DuplexBus.Edge.Operations;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Store;
using DuplexBus.Persistence;
using DuplexBus.Samples.Contracts;
using DuplexBus.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        var gate = new SlowGate();
        var folder = Directory.CreateTempSubdirectory("duplexbus-slow-");
        var connectionString = database == "PostgreSQL"
            ? await servers.CreateDatabaseAsync("slowhandler")
            : $"Data Source={Path.Combine(folder.FullName, "slow.db")};Pooling=True;Default Timeout=30";
        await using var app = await StartAsync(gate, database, connectionString);
        try
        {
            var endpoint = app.Address("/slow");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            var a = new RawRm(http, endpoint, RawRm.Rm11);
            var sequenceA = await a.CreateSequenceAsync($"urn:uuid:{Guid.NewGuid()}");

            var slow = a.SendAsync(Ns + "/Slow/Wait", RawRm.SequenceHeader(sequenceA, "1"), $"<Wait xmlns=\"{Ns}\"/>", $"urn:uuid:{Guid.NewGuid()}");
            await gate.Entered.Task.WaitAsync(Bound);

            // Meanwhile: the same sequence's keep-alive, a new session, and its one-way message.
            var keepAlive = await a.SendAsync(RawRm.Rm11 + "/AckRequested", $"<r:AckRequested><r:Identifier>{sequenceA}</r:Identifier></r:AckRequested>", "").WaitAsync(Bound);
            Assert.Equal(200, keepAlive.Status);
            var b = new RawRm(http, endpoint, RawRm.Rm11);
            var sequenceB = await b.CreateSequenceAsync().WaitAsync(Bound);
            var note = await b.SendAsync(Ns + "/Slow/Note", RawRm.SequenceHeader(sequenceB, "1"),
                $"<Note xmlns=\"{Ns}\"><instanceId>{Guid.NewGuid()}</instanceId><index>1</index></Note>").WaitAsync(Bound);
            Assert.Equal(200, note.Status);
            Assert.False(slow.IsCompleted);

            gate.Release.SetResult();
            var (status, reply) = await slow.WaitAsync(Bound);
            Assert.Equal(200, status);
            Assert.Equal("42", reply!.Descendants(XName.Get("WaitResult", Ns)).Single().Value);
        }
        finally
        {
            gate.Release.TrySetResult();
            await app.StopAsync();
            folder.Delete(recursive: true);
        }
    }

    private static Task<WebApplication> StartAsync(SlowGate gate, string database, string connectionString) =>
        InProcessHost.StartAsync(
            bus =>
            {
                if (database == "PostgreSQL")
                    bus.UsePostgreSql<StoreTestDbContext>(connectionString);
                else
                    bus.UseSqlite<StoreTestDbContext>(connectionString);
            },
            app => app.MapDuplexBusEndpoint<ISlow>("/slow", e => e
                .Map("Note", call => new AddItem(call.Argument<Guid>("instanceId"), call.Argument<int>("index"), "v"))
                .HandleRequestsWith<SlowHandler>()),
            builder => builder.Services.AddSingleton(gate));

    [ServiceContract(Namespace = Ns, Name = "Slow")]
    public interface ISlow
    {
        [OperationContract(IsOneWay = true)]
        void Note(Guid instanceId, int index);

        [OperationContract]
        int Wait();
    }

    /// <summary>Lets the test see the handler start, and decide when it ends.</summary>
    public sealed class SlowGate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Writes to the database itself, then waits for the test.</summary>
    public sealed class SlowHandler(SlowGate gate, StoreTestDbContext db, IDatabaseDialect dialect)
    {
        public async Task<int> Wait(CancellationToken cancellationToken)
        {
            gate.Entered.TrySetResult();
            await using (var transaction = await dialect.BeginTransactionAsync(db, cancellationToken))
                await transaction.CommitAsync(cancellationToken);
            await gate.Release.Task.WaitAsync(cancellationToken);
            return 42;
        }
    }
}
