using System.ComponentModel.DataAnnotations;

namespace DuplexBus.Edge;

/// <summary>Limits of the SOAP edge (configuration section <c>DuplexBus:Edge</c>).</summary>
public sealed class EdgeOptions
{
    /// <summary>Largest request body accepted; larger ones get a fault without being read to the end.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Deepest XML element nesting accepted.</summary>
    [Range(8, 1024)]
    public int MaxXmlDepth { get; set; } = 32;
}
