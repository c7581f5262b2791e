using System.ComponentModel.DataAnnotations;
using DuplexBus.Edge.Metadata;

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

    /// <summary>Most elements, attributes and text nodes in one envelope: with the size, what bounds its element tree.</summary>
    [Range(64, 16 * 1024 * 1024)]
    public int MaxXmlNodes { get; set; } = 16 * 1024;

    /// <summary>Most attributes (namespace declarations included) on one element.</summary>
    [Range(4, 1024 * 1024)]
    public int MaxXmlAttributesPerElement { get; set; } = 64;

    /// <summary>Longest text node or attribute value, in characters.</summary>
    [Range(256, 256 * 1024 * 1024)]
    public int MaxXmlStringLength { get; set; } = 1024 * 1024;

    /// <summary>Most characters of the distinct element and attribute names, prefixes and namespace URIs of one envelope.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxXmlNameCharacters { get; set; } = 16 * 1024;

    /// <summary>Most header blocks in one envelope.</summary>
    [Range(4, 4096)]
    public int MaxHeaders { get; set; } = 64;

    /// <summary>Most characters of text and attribute values inside the SOAP Header of one envelope.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxHeaderCharacters { get; set; } = 64 * 1024;

    /// <summary>Longest callback address (ReplyTo or CallbackContext) a call may give; a longer one is refused with a fault.</summary>
    [Range(16, 2048)]
    public int MaxCallbackAddressLength { get; set; } = 2048;

    /// <summary>Requests processed at once (after their body is read and parsed); more wait in the queue.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>
    /// Plain SOAP requests waiting for a turn; one that finds this many waiting is turned away at once with 503 and
    /// <c>Retry-After</c>. Reliable-session messages always wait (a WCF session gives up after a few resends).
    /// </summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequests { get; set; } = 1024;

    /// <summary>
    /// Longest wait for a turn; then plain SOAP gets 503 and <c>Retry-After</c>, a reliable-session message an empty
    /// 202 (no acknowledgement), which the WCF client resends.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>One-way sequence messages waiting for the group commit; senders beyond it wait for room.</summary>
    [Range(1, 1_000_000)]
    public int MaxGroupCommitQueue { get; set; } = 1024;

    /// <summary>
    /// The WSDL, schemas and help page a GET on an endpoint answers (<c>DuplexBus:Edge:Metadata</c>). Two switches,
    /// nothing for a validator to check: a value that is not a boolean already fails binding at start-up.
    /// </summary>
    public MetadataOptions Metadata { get; set; } = new();
}
