using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DuplexBus.Edge.Operations;
using DuplexBus.Protocol.ReliableMessaging;
using DuplexBus.Protocol.Wsdl;
using Microsoft.AspNetCore.Http;

namespace DuplexBus.Edge.Metadata;

/// <summary>
/// GET on a mapped endpoint: <c>?wsdl</c>, <c>?singleWsdl</c>, <c>?xsd=xsdN</c> and, without a query, the help page.
/// The document is generated once per endpoint; only the address, taken from the request, changes per answer (it is
/// not cached per address: the Host header is the client's to choose).
/// </summary>
internal sealed class MetadataEndpoint
{
    /// <summary>
    /// What the RM assertion says for the acknowledgement interval: WCF's default. The edge acknowledges every message
    /// on its own reply, sooner than this, which a WCF client accepts.
    /// </summary>
    private static readonly TimeSpan AcknowledgementInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lazy<WsdlDocument> _document;
    private readonly bool _helpPage;

    public MetadataEndpoint(SoapService service, MetadataOptions options, RmLimits limits)
    {
        _helpPage = options.HelpPage;
        // The edge serves SOAP 1.1 and 1.2, plain or over WS-RM 1.0 or 1.1, and always takes a context.
        var endpoint = new WsdlEndpoint
        {
            Ordered = limits.Ordered,
            InactivityTimeout = limits.InactivityTimeout,
            AcknowledgementInterval = AcknowledgementInterval,
        };
        _document = new Lazy<WsdlDocument>(() => WsdlGenerator.Generate(service.Contract, endpoint));
    }

    public Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var address = $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}";
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";

        if (query.Length == 0)
            return _helpPage ? Write(http, "text/html; charset=utf-8", HelpPage.Render(_document.Value.ServiceName, address)) : NotFound(http);
        if (query.Equals("wsdl", StringComparison.OrdinalIgnoreCase))
            return WriteXml(http, _document.Value.Render(address, single: false));
        if (query.Equals("singleWsdl", StringComparison.OrdinalIgnoreCase))
            return WriteXml(http, _document.Value.Render(address, single: true));
        if (query.StartsWith("xsd=xsd", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(query.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && _document.Value.Schema(address, index) is { } schema)
            return WriteXml(http, schema);
        return NotFound(http);
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static Task WriteXml(HttpContext http, XDocument document)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
            document.Save(writer);
        return Write(http, "text/xml; charset=utf-8", text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal));
    }

    private static Task Write(HttpContext http, string contentType, string body)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType;
        return http.Response.WriteAsync(body, Encoding.UTF8, http.RequestAborted);
    }
}
