using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Skeleton;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Reliable;

/// <summary>
/// B1503 across hosts: two production hosts share one database and one limit of open sequences, so CreateSequences
/// sent to both at once never open more than the limit together, and a CreateSequence sent to both at once with the
/// same MessageID opens one sequence that both answer with. The CreateSequences come from different loopback
/// addresses, so they are different clients: nothing but the global limit orders them.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class SharedDatabaseAdmissionTests(ServersFixture servers) : IAsyncLifetime
{
    private const int MaxOpenSequences = 5;
    private static readonly XName ConnectionLimitReached = XName.Get("ConnectionLimitReached", "http://schemas.microsoft.com/ws/2006/05/rm");
    private string _connectionString = "";
    private HostProcess _first = null!;
    private HostProcess _second = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await servers.CreateDatabaseAsync("shared_admission");
        var options = new HostProcessOptions();
        options.Environment["ConnectionStrings__DuplexBus"] = _connectionString;
        options.Environment["ConnectionStrings__RabbitMq"] = await servers.CreateVirtualHostAsync("shared_admission");
        options.Environment["DuplexBus__ReliableMessaging__MaxOpenSequences"] = MaxOpenSequences.ToString(CultureInfo.InvariantCulture);
        options.Environment["DuplexBus__ReliableMessaging__MaxOpenSequencesPerClient"] = "1";
        _first = await HostProcess.StartAsync(options);
        _second = await HostProcess.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_CreateSequences_at_two_hosts_never_open_more_than_the_limit_together()
    {
        var clients = Enumerable.Range(0, 24).Select(i => From(IPAddress.Parse($"127.0.1.{i + 1}"))).ToList();
        var later = Enumerable.Range(0, 8).Select(i => From(IPAddress.Parse($"127.0.2.{i + 1}"))).ToList();
        try
        {
            var attempts = await Task.WhenAll(clients.Select((http, i) => CreateAsync(Rm(http, i % 2 == 0 ? _first : _second))));

            Assert.Equal(MaxOpenSequences, attempts.Count(a => a.Id is not null));
            Assert.All(attempts.Where(a => a.Id is null), a => Assert.Equal(ConnectionLimitReached, a.Fault));
            Assert.Equal(MaxOpenSequences, await OpenAsync());

            // A sequence ended behind the hosts' backs frees its place all the same, and only that one place.
            await Sql.ExecuteAsync(_connectionString, $"UPDATE rm_sequence SET status = 2 WHERE id = '{attempts.First(a => a.Id is not null).Id}'");
            var again = await Task.WhenAll(later.Select((http, i) => CreateAsync(Rm(http, i % 2 == 0 ? _first : _second))));

            Assert.Equal(1, again.Count(a => a.Id is not null));
            Assert.Equal(MaxOpenSequences, await OpenAsync());
        }
        finally
        {
            foreach (var http in clients.Concat(later))
                http.Dispose();
        }
    }

    [Fact]
    public async Task One_CreateSequence_sent_to_both_hosts_at_once_opens_one_sequence()
    {
        using var http = new HttpClient();
        var messageId = $"urn:uuid:{Guid.NewGuid()}";

        var answers = await Task.WhenAll(CreateAsync(Rm(http, _first), messageId), CreateAsync(Rm(http, _second), messageId));

        Assert.All(answers, a => Assert.NotNull(a.Id));
        Assert.Equal(answers[0].Id, answers[1].Id);
        Assert.Equal(1L, await Sql.ScalarAsync(_connectionString, $"SELECT count(*) FROM rm_sequence WHERE create_message_id = '{messageId}'"));
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x.y.z reaches the loopback host).</summary>
    private static HttpClient From(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    private static RawRm Rm(HttpClient http, HostProcess host) => new(http, new Uri(host.BaseAddress, "/services/work"), RawRm.Rm10);

    private static async Task<(string? Id, XName? Fault)> CreateAsync(RawRm rm, string? messageId = null)
    {
        var (status, envelope) = await rm.SendAsync(RawRm.Rm10 + "/CreateSequence", "",
            "<r:CreateSequence><r:AcksTo><a:Address>http://www.w3.org/2005/08/addressing/anonymous</a:Address></r:AcksTo></r:CreateSequence>",
            messageId ?? $"urn:uuid:{Guid.NewGuid()}");
        return status == 200
            ? (envelope!.Descendants(XName.Get("Identifier", RawRm.Rm10)).First().Value, null)
            : (null, RawSoap.FaultCode(envelope!));
    }

    private Task<long> OpenAsync() => Sql.ScalarAsync(_connectionString, "SELECT count(*) FROM rm_sequence WHERE status = 0 AND last_number IS NULL");
}
