using System.Diagnostics;
using System.Net;
using DuplexBus.IntegrationTests.Skeleton;
using Xunit.Abstractions;

namespace DuplexBus.IntegrationTests.Limits;

/// <summary>The edge's limits against hostile and careless clients, on one host (see <see cref="LimitedHostFixture"/>).</summary>
[Collection(nameof(RealServers))]
public sealed partial class EdgeLimitsTests(LimitedHostFixture fixture, ITestOutputHelper output) : IClassFixture<LimitedHostFixture>
{
    private const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";

    private Uri Service => new(fixture.Host.BaseAddress, "/services/work");

    private async Task<(HttpStatusCode Status, TimeSpan Latency)> AddItemAsync(HttpClient http)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync(Service, RawSoap.Content(RawSoap.Plain11(RawSoap.AddItem(Guid.NewGuid(), 1)), soap12: false, AddItemAction));
        return (response.StatusCode, watch.Elapsed);
    }
}
