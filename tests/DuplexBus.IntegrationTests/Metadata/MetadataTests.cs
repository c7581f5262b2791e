using System.Net;
using System.Xml.Linq;
using System.Xml.Schema;
using DuplexBus.IntegrationTests.Hosts;
using DuplexBus.Testing;

namespace DuplexBus.IntegrationTests.Metadata;

/// <summary>What a GET on a mapped endpoint answers, against the embedded host (one host for the class).</summary>
public sealed partial class MetadataTests(EmbeddedHostFixture fixture) : IClassFixture<EmbeddedHostFixture>
{
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";

    private HostProcess Host => fixture.Host;

    private Uri Endpoint(string path, string query = "") => new(Host.BaseAddress, path + query);

    private async Task<HttpResponseMessage> GetAsync(string path, string query = "")
    {
        using var http = new HttpClient();
        return await http.GetAsync(Endpoint(path, query));
    }

    [Theory]
    [InlineData("/services/work", "WorkService")]
    [InlineData("/services/orders", "OrderService")]
    public async Task Wsdl_names_the_request_address_and_its_schemas_compile(string path, string service)
    {
        using var response = await GetAsync(path, "?wsdl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var wsdl = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(service, (string?)wsdl.Root!.Attribute("name"));
        Assert.All(wsdl.Descendants().Where(e => e.Name.LocalName == "address"),
            a => Assert.Equal(Endpoint(path).ToString(), (string?)a.Attribute("location")));

        var set = new XmlSchemaSet();
        var imports = wsdl.Root.Element(Wsdl + "types")!.Element(Xsd + "schema")!.Elements(Xsd + "import").ToArray();
        Assert.NotEmpty(imports);
        foreach (var import in imports)
        {
            var location = new Uri((string)import.Attribute("schemaLocation")!);
            Assert.StartsWith(Endpoint(path).ToString() + "?xsd=xsd", location.ToString(), StringComparison.Ordinal);
            using var schema = await GetAsync(path, location.Query);
            Assert.Equal(HttpStatusCode.OK, schema.StatusCode);
            using var reader = XDocument.Parse(await schema.Content.ReadAsStringAsync()).CreateReader();
            set.Add(XmlSchema.Read(reader, null)!);
        }
        set.Compile();
        Assert.Contains(set.GlobalElements.Names.Cast<System.Xml.XmlQualifiedName>(), n => n.Name == (service == "WorkService" ? "GetStatusResponse" : "GetOrderResponse"));
    }

    [Fact]
    public async Task Single_wsdl_carries_every_schema_inline()
    {
        using var response = await GetAsync("/services/orders", "?singleWsdl");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var wsdl = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var schemas = wsdl.Root!.Element(Wsdl + "types")!.Elements(Xsd + "schema").ToArray();
        Assert.True(schemas.Length > 1);
        Assert.DoesNotContain(schemas.Descendants(Xsd + "import"), i => i.Attribute("schemaLocation") is not null);
    }

    [Fact]
    public async Task Help_page_names_the_service_and_links_its_wsdl()
    {
        using var response = await GetAsync("/services/work");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("WorkService", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Endpoint("/services/work")}?wsdl\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?xsd=xsd99")]
    [InlineData("?xsd=xsd-1")]
    [InlineData("?xsd")]
    [InlineData("?wsdl=1&x")]
    [InlineData("?disco")]
    public async Task An_unknown_query_is_not_found(string query)
    {
        using var response = await GetAsync("/services/work", query);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Other_methods_than_get_and_post_are_not_allowed()
    {
        using var http = new HttpClient();
        using var response = await http.PutAsync(Endpoint("/services/work", "?wsdl"), new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
