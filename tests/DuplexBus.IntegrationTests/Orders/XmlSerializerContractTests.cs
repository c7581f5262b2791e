using System.ServiceModel;
using System.Xml.Serialization;
using DuplexBus.Configuration;
using DuplexBus.Edge;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Store;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Persistence;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.IntegrationTests.Orders;

/// <summary>
/// A contract under <c>[XmlSerializerFormat]</c>, mapped with <c>MapDuplexBusEndpoint&lt;T&gt;</c> in a small host
/// (SQLite, in-memory bus: a request-reply call needs neither server): the real WCF client's XmlSerializer types —
/// attributes, renamed elements, arrays, decimals, enums, nullables — go there and back.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class XmlSerializerContractTests
{
    private const string Ns = "urn:duplexbus:tests:xml-orders";

    [Theory, MemberData(nameof(ClientBinding.All), MemberType = typeof(ClientBinding))]
    public async Task XmlSerializer_request_and_reply_round_trip_with_the_real_WCF_client(string binding)
    {
        var folder = Directory.CreateTempSubdirectory("duplexbus-xml-");
        await using var app = await StartAsync(Path.Combine(folder.FullName, "xml.db"));
        try
        {
            var address = app.Address("/quotes");
            var factory = new ChannelFactory<IQuoteService>(ClientBinding.Create(binding), new EndpointAddress(address));
            var channel = factory.CreateChannel();
            var request = new QuoteRequest
            {
                Sku = "ENGINE-ANALYTICAL",
                Quantity = 3,
                UnitPrice = 1234.5678m,
                Tags = ["brass", "steam & gears"],
                Speed = Shipping.Express,
                NotAfter = new DateTime(2026, 12, 24, 18, 30, 0, DateTimeKind.Utc),
            };

            var quote = await Task.Run(() => channel.Quote(request));

            Assert.Equal("ENGINE-ANALYTICAL", quote.Sku);
            Assert.Equal("EUR", quote.Currency);
            Assert.Equal(3 * 1234.5678m, quote.Total);
            Assert.Equal(["brass", "steam & gears", "Express"], quote.Lines);
            Assert.Equal(request.NotAfter, quote.ValidUntil);
            Assert.Null(quote.Note);
            ((IClientChannel)channel).Close();
            factory.Close();
        }
        finally
        {
            await app.StopAsync();
            folder.Delete(recursive: true);
        }
    }

    private static Task<WebApplication> StartAsync(string databaseFile) =>
        InProcessHost.StartAsync(
            bus => bus.UseSqlite<StoreTestDbContext>($"Data Source={databaseFile};Pooling=False;Default Timeout=30"),
            app => app.MapDuplexBusEndpoint<IQuoteService>("/quotes", e => e.HandleRequestsWith<QuoteHandler>()));

    [ServiceContract(Namespace = Ns, Name = "QuoteService"), XmlSerializerFormat]
    public interface IQuoteService
    {
        [OperationContract]
        QuoteReply Quote(QuoteRequest request);
    }

    public enum Shipping
    {
        Standard,
        [XmlEnum("express")] Express,
    }

    public sealed class QuoteRequest
    {
        [XmlAttribute("sku")] public string Sku { get; set; } = "";

        [XmlElement("Qty")] public int Quantity { get; set; }

        public decimal UnitPrice { get; set; }

        [XmlArray("Tags"), XmlArrayItem("Tag")] public string[] Tags { get; set; } = [];

        public Shipping Speed { get; set; }

        public DateTime? NotAfter { get; set; }
    }

    public sealed class QuoteReply
    {
        [XmlAttribute("currency")] public string Currency { get; set; } = "";

        [XmlElement("Product")] public string Sku { get; set; } = "";

        public decimal Total { get; set; }

        [XmlArrayItem("Line")] public List<string> Lines { get; set; } = [];

        public DateTime? ValidUntil { get; set; }

        public string? Note { get; set; }
    }

    /// <summary>Answers from the request alone, so every part of it must have arrived.</summary>
    public sealed class QuoteHandler : IQuoteService
    {
        public QuoteReply Quote(QuoteRequest request) => new()
        {
            Currency = "EUR",
            Sku = request.Sku,
            Total = request.Quantity * request.UnitPrice,
            Lines = [.. request.Tags, request.Speed.ToString()],
            ValidUntil = request.NotAfter,
        };
    }
}
