namespace DuplexBus.Edge.Metadata;

/// <summary>What a GET on a mapped endpoint answers (configuration section <c>DuplexBus:Edge:Metadata</c>).</summary>
public sealed class MetadataOptions
{
    /// <summary>Serve <c>?wsdl</c>, <c>?singleWsdl</c> and <c>?xsd=xsdN</c>; off, a GET is answered 405 as before.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Answer a GET without a query with a short HTML page naming the service and linking its WSDL.</summary>
    public bool HelpPage { get; set; } = true;
}
