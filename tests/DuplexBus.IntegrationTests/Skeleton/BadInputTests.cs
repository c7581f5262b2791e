using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using DuplexBus.IntegrationTests.Hosts;
using Npgsql;

namespace DuplexBus.IntegrationTests.Skeleton;

/// <summary>
/// Input no WCF client would send: each gets the SOAP fault of the request's SOAP version within a second, nothing
/// reaches the database, and the host keeps serving.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class BadInputTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>
{
    private const string AddItemAction = "urn:duplexbus:samples/WorkService/AddItem";
    private static readonly XNamespace WcfDispatcher = "http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher";
    private static readonly XNamespace AddressingNone = "http://schemas.microsoft.com/ws/2005/05/addressing/none";

    private Uri Service => new(fixture.Host.BaseAddress, "/services/work");

    public static TheoryData<string, bool, string?, string, string> Cases => new()
    {
        { "malformed XML, SOAP 1.1", false, AddItemAction, $"<s:Envelope xmlns:s=\"{RawSoap.Soap11}\"><s:Body><AddItem></s:Body>", "{http://schemas.xmlsoap.org/soap/envelope/}Client" },
        { "malformed XML, SOAP 1.2", true, null, "<s:Envelope xmlns:s='x'", "{http://www.w3.org/2003/05/soap-envelope}Sender" },
        { "DTD with entity expansion", false, AddItemAction, "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>" + RawSoap.Plain11("<AddItem xmlns=\"urn:duplexbus:samples\">&lol2;</AddItem>"), "{http://schemas.xmlsoap.org/soap/envelope/}Client" },
        { "unknown action, SOAP 1.1", false, "urn:duplexbus:samples/WorkService/Nope", RawSoap.Plain11(RawSoap.AddItem(Guid.NewGuid(), 1)), $"{{{AddressingNone}}}ActionNotSupported" },
        { "unknown action, SOAP 1.2 + WSA 1.0", true, null, RawSoap.Addressed12("urn:duplexbus:samples/WorkService/Nope", RawSoap.AddItem(Guid.NewGuid(), 1)), $"{{{RawSoap.Wsa10}}}ActionNotSupported" },
        { "body of another operation", false, AddItemAction, RawSoap.Plain11($"<GetStatus xmlns=\"urn:duplexbus:samples\"><instanceId>{Guid.NewGuid()}</instanceId></GetStatus>"), $"{{{WcfDispatcher}}}DeserializationFailed" },
        { "parameter of the wrong type", true, null, RawSoap.Addressed12(AddItemAction, $"<AddItem xmlns=\"urn:duplexbus:samples\"><instanceId>{Guid.NewGuid()}</instanceId><index>first</index><value>v</value></AddItem>"), $"{{{WcfDispatcher}}}DeserializationFailed" },
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Bad_input_gets_the_named_fault_and_stores_nothing(string _, bool soap12, string? soapAction, string body, string expectedCode)
    {
        using var http = new HttpClient();
        var before = await CountRowsAsync();

        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync(Service, RawSoap.Content(body, soap12, soapAction));
        watch.Stop();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(soap12 ? "application/soap+xml" : "text/xml", response.Content.Headers.ContentType!.MediaType);
        var envelope = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(soap12 ? RawSoap.Soap12 : RawSoap.Soap11, envelope.Name.Namespace);
        Assert.Equal(XName.Get(expectedCode), RawSoap.FaultCode(envelope));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"answered after {watch.Elapsed}");
        await AssertNothingStoredAndStillServingAsync(before);
    }

    [Fact]
    public async Task DTD_fault_says_DTDs_are_not_allowed()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Service, RawSoap.Content("<!DOCTYPE x>" + RawSoap.Plain11("<x/>"), soap12: false, AddItemAction));

        Assert.Contains("DTD", RawSoap.FaultReason(XElement.Parse(await response.Content.ReadAsStringAsync())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversize_body_with_a_Content_Length_is_refused_before_it_is_read()
    {
        using var http = new HttpClient();
        var before = await CountRowsAsync();
        var huge = RawSoap.Plain11($"<AddItem xmlns=\"urn:duplexbus:samples\"><value>{new string('x', 5 * 1024 * 1024)}</value></AddItem>");

        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsync(Service, RawSoap.Content(huge, soap12: false, AddItemAction));
        watch.Stop();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var envelope = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(XName.Get("Client", RawSoap.Soap11.NamespaceName), RawSoap.FaultCode(envelope));
        Assert.Contains("larger than the maximum", RawSoap.FaultReason(envelope), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"answered after {watch.Elapsed}");
        await AssertNothingStoredAndStillServingAsync(before);
    }

    [Fact]
    public async Task Oversize_chunked_body_is_refused_once_it_passes_the_limit()
    {
        using var http = new HttpClient();
        var before = await CountRowsAsync();
        using var content = new ChunkedSoapContent(5 * 1024 * 1024);

        using var response = await http.PostAsync(Service, content);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var envelope = XElement.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(XName.Get("Sender", RawSoap.Soap12.NamespaceName), RawSoap.FaultCode(envelope));
        Assert.Contains("larger than the maximum", RawSoap.FaultReason(envelope), StringComparison.Ordinal);
        await AssertNothingStoredAndStillServingAsync(before);
    }

    [Fact]
    public async Task Body_far_over_the_limit_is_cut_off_without_being_read_to_the_end()
    {
        using var http = new HttpClient();
        var before = await CountRowsAsync();
        using var content = new ChunkedSoapContent(256L * 1024 * 1024);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.PostAsync(Service, content));

        // The edge reads at most four times the 4 MB limit (discarding it) before it drops the connection.
        Assert.True(content.StoppedEarly);
        Assert.True(content.BytesSent < 64L * 1024 * 1024, $"the client sent {content.BytesSent} bytes");
        await AssertNothingStoredAndStillServingAsync(before);
    }

    private async Task AssertNothingStoredAndStillServingAsync((long Outbox, long Inbox, long Sagas) before)
    {
        Assert.Equal(before, await CountRowsAsync());

        using var http = new HttpClient();
        var instance = Guid.NewGuid();
        using var status = await http.PostAsync(Service, RawSoap.Content(
            RawSoap.Plain11($"<GetStatus xmlns=\"urn:duplexbus:samples\"><instanceId>{instance}</instanceId></GetStatus>"),
            soap12: false,
            "urn:duplexbus:samples/WorkService/GetStatus"));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    private async Task<(long Outbox, long Inbox, long Sagas)> CountRowsAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM outbox_message), (SELECT count(*) FROM inbox_state), (SELECT count(*) FROM work_state)",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
