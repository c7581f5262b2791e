using System.Text.Encodings.Web;

namespace DuplexBus.Edge.Metadata;

/// <summary>The page a browser gets at a service's address, like WCF's: what the service is and where its WSDL is.</summary>
internal static class HelpPage
{
    public static string Render(string serviceName, string address)
    {
        // Names come from the contract and the address from the request's Host header: both are encoded.
        var name = HtmlEncoder.Default.Encode(serviceName);
        var wsdl = HtmlEncoder.Default.Encode(address + "?wsdl");
        var single = HtmlEncoder.Default.Encode(address + "?singleWsdl");
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{name} Service</title></head>
            <body>
            <h1>{name} Service</h1>
            <p>This is a SOAP service. Build a client from its WSDL:</p>
            <p><a href="{wsdl}">{wsdl}</a></p>
            <p>All schemas in one document: <a href="{single}">{single}</a></p>
            </body></html>
            """;
    }
}
