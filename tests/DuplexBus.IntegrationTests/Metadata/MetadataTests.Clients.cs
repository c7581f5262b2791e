using System.Text.Json.Nodes;

namespace DuplexBus.IntegrationTests.Metadata;

/// <summary>
/// Clients nobody here wrote build themselves from the served WSDL alone and call every operation of both samples
/// over the plain SOAP 1.1 binding: one-way calls are accepted (seen through the request-reply query), request-reply
/// calls answer, a declared fault arrives as one.
/// </summary>
public sealed partial class MetadataTests
{
    public static TheoryData<string> Clients => ["zeep", "node-soap"];

    private Task<JsonNode> RunAsync(string client, string path, string service, Guid id) => client == "zeep"
        ? ExternalClient.ZeepAsync(Endpoint(path, "?wsdl"), service, id)
        : ExternalClient.NodeSoapAsync(Endpoint(path, "?wsdl"), service, id);

    [Theory, MemberData(nameof(Clients))]
    public async Task A_client_built_from_the_wsdl_calls_every_work_operation(string client)
    {
        var id = Guid.NewGuid();
        var result = await RunAsync(client, "/services/work", "work", id);

        Assert.All(result["oneWayResults"]!.AsArray(), r => Assert.Null(r));
        var status = result["status"]!;
        Assert.Equal(id.ToString(), (string?)status["InstanceId"]);
        Assert.Equal(2, int.Parse(status["ItemCount"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory, MemberData(nameof(Clients))]
    public async Task A_client_built_from_the_wsdl_calls_every_order_operation(string client)
    {
        var id = Guid.NewGuid();
        var result = await RunAsync(client, "/services/orders", "orders", id);

        Assert.NotNull(result["notFound"]);
        Assert.Contains("OrderNotFound", result["notFound"]!.ToJsonString(), StringComparison.Ordinal);
        var placed = result["placed"]!;
        Assert.Equal(id.ToString(), (string?)placed["OrderId"]);
        Assert.StartsWith("Ada <", (string?)placed["Customer"], StringComparison.Ordinal);
        Assert.Equal(2, placed["Skus"]!.ToJsonString().Split(client == "zeep" ? "Z-" : "N-").Length - 1);
        Assert.Equal("Cancelled", (string?)result["cancelled"]!["Status"]);
    }
}
