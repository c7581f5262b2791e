using System.Net;
using DuplexBus.Configuration;
using DuplexBus.Edge;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.IntegrationTests.Orders;
using DuplexBus.IntegrationTests.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.IntegrationTests.Metadata;

/// <summary>
/// <c>DuplexBus:Edge:Metadata</c> switches the WSDL and the help page off, each on its own, in a small host (SQLite,
/// in-memory bus: a GET needs neither server).
/// </summary>
public sealed class MetadataOptionsTests
{
    [Theory]
    [InlineData(true, true, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData(true, false, HttpStatusCode.OK, HttpStatusCode.NotFound)]
    [InlineData(false, true, HttpStatusCode.MethodNotAllowed, HttpStatusCode.MethodNotAllowed)]
    public async Task Metadata_options_decide_what_a_GET_answers(bool enabled, bool helpPage, HttpStatusCode wsdl, HttpStatusCode help)
    {
        var folder = Directory.CreateTempSubdirectory("duplexbus-metadata-");
        var app = await StartAsync(Path.Combine(folder.FullName, "metadata.db"), enabled, helpPage);
        try
        {
            var endpoint = app.Address("/quotes");
            using var http = new HttpClient();
            using var wsdlAnswer = await http.GetAsync(new Uri(endpoint + "?wsdl"));
            using var helpAnswer = await http.GetAsync(endpoint);

            Assert.Equal((wsdl, help), (wsdlAnswer.StatusCode, helpAnswer.StatusCode));
            if (wsdl == HttpStatusCode.OK)
                Assert.Contains("QuoteService", await wsdlAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    private static Task<WebApplication> StartAsync(string databaseFile, bool enabled, bool helpPage) =>
        InProcessHost.StartAsync(
            bus => bus.UseSqlite<StoreTestDbContext>($"Data Source={databaseFile};Pooling=False;Default Timeout=30"),
            app => app.MapDuplexBusEndpoint<XmlSerializerContractTests.IQuoteService>("/quotes", e => e.HandleRequestsWith<XmlSerializerContractTests.QuoteHandler>()),
            builder =>
            {
                builder.Configuration["DuplexBus:Edge:Metadata:Enabled"] = enabled ? "true" : "false";
                builder.Configuration["DuplexBus:Edge:Metadata:HelpPage"] = helpPage ? "true" : "false";
            });
}
