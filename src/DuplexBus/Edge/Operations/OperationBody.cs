using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// Reads the parameters of a wrapped, DataContractSerializer-style body
/// (<c>&lt;Operation xmlns="ns"&gt;&lt;param&gt;value&lt;/param&gt;…&lt;/Operation&gt;</c>).
/// A missing or unreadable parameter does not throw: it is recorded, and the edge answers with a
/// DeserializationFailed fault instead of translating the message.
/// </summary>
public sealed class OperationBody
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private readonly XElement? _wrapper;
    private readonly XNamespace _ns;
    private string? _problem;

    internal OperationBody(XElement? body, XNamespace ns, string operation)
    {
        _ns = ns;
        if (body is null)
            _problem = $"the body is empty; expected element '{operation}' in namespace '{ns.NamespaceName}'";
        else if (body.Name != ns + operation)
            _problem = $"expected element '{operation}' in namespace '{ns.NamespaceName}', found '{body.Name.LocalName}' in namespace '{body.Name.NamespaceName}'";
        else
            _wrapper = body;
    }

    /// <summary>The first problem found, or null when every parameter read so far was well-formed.</summary>
    public string? Problem => _problem;

    public Guid ReadGuid(string name) => Read(name, static text => System.Guid.TryParse(text, out var value) ? value : null as Guid?, "a Guid");

    public int ReadInt32(string name) => Read(name, static text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null as int?, "an int");

    public long ReadInt64(string name) => Read(name, static text => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null as long?, "a long");

    public bool ReadBoolean(string name) => Read(name, static text => text switch { "true" or "1" => true, "false" or "0" => false, _ => null as bool? }, "a boolean");

    /// <summary>A string parameter; <c>xsi:nil="true"</c> reads as null.</summary>
    public string? ReadString(string name)
    {
        var element = Parameter(name);
        if (element is null)
            return null;
        return IsNil(element) ? null : element.Value;
    }

    private T Read<T>(string name, Func<string, T?> parse, string expected)
        where T : struct
    {
        var element = Parameter(name);
        if (element is null)
            return default;
        var text = element.Value.Trim();
        if (parse(text) is { } value)
            return value;
        Fail($"parameter '{name}' is not {expected}: '{Shorten(text)}'");
        return default;
    }

    private XElement? Parameter(string name)
    {
        if (_wrapper is null)
            return null;
        var element = _wrapper.Element(_ns + name);
        if (element is null)
            Fail($"parameter '{name}' is missing");
        else if (element.HasElements)
            Fail($"parameter '{name}' has child elements where a simple value was expected");
        return element;
    }

    private static bool IsNil(XElement element) =>
        (string?)element.Attribute(Xsi + "nil") is { } nil && XmlConvert.ToBoolean(nil);

    private void Fail(string problem) => _problem ??= problem;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
