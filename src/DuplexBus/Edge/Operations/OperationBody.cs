using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using DuplexBus.Callbacks;
using DuplexBus.Edge.Context;
using DuplexBus.Edge.Soap;
using DuplexBus.Edge.Tracing;

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
    private readonly SoapEnvelope? _envelope;
    private readonly CallbackAddressPolicy? _callbacks;
    private string? _problem;

    internal OperationBody(XElement? body, XNamespace ns, string operation)
        : this(body, ns, operation, null, IncomingContext.None, null)
    {
    }

    internal OperationBody(XElement? body, XNamespace ns, string operation, SoapEnvelope? envelope, IncomingContext context, CallbackAddressPolicy? callbacks)
    {
        _ns = ns;
        _envelope = envelope;
        _callbacks = callbacks;
        Context = context;
        if (body is null)
            _problem = $"the body is empty; expected element '{operation}' in namespace '{ns.NamespaceName}'";
        else if (body.Name != ns + operation)
            _problem = $"expected element '{operation}' in namespace '{ns.NamespaceName}', found '{body.Name.LocalName}' in namespace '{body.Name.NamespaceName}'";
        else
            _wrapper = body;
    }

    /// <summary>The first problem found, or null when every parameter read so far was well-formed.</summary>
    public string? Problem => _problem;

    /// <summary>The context the request brought (context exchange properties, CallbackContext).</summary>
    public IncomingContext Context { get; }

    /// <summary>A fault the translation called for beyond a malformed body (a refused callback address).</summary>
    public SoapFault? Fault { get; internal set; }

    /// <summary>The trace the request belongs to, carried on to its callback; null when it brought none.</summary>
    public InboundTrace? Trace { get; internal init; }

    /// <summary>The instance the call addressed, once <see cref="ReadInstanceId"/> read it: the context to hand back.</summary>
    public Guid? Instance { get; private set; }

    /// <summary>The callback address the call gave, once <see cref="CallbackFor"/> found one.</summary>
    public CallbackEndpoint? Callback { get; private set; }

    /// <summary>
    /// The instance a call is for: the context's <c>instanceId</c> when the client sent a context (that is what
    /// routes it, as WCF's context exchange did), otherwise the body parameter <paramref name="name"/>.
    /// </summary>
    public Guid ReadInstanceId(string name)
    {
        Guid id;
        if (Context.Properties.TryGetValue(ContextNames.InstanceId, out var text))
        {
            if (!System.Guid.TryParse(text, out id))
                Fail($"the context property '{ContextNames.InstanceId}' is not a Guid: '{Shorten(text)}'");
        }
        else
        {
            id = ReadGuid(name);
        }
        Instance = id;
        return id;
    }

    /// <summary>
    /// Where to call the client back about <paramref name="instanceId"/> (CallbackContext, else a ReplyTo that is
    /// not anonymous), checked against the allow-list; null when the client gave no address or it was refused —
    /// then <see cref="Fault"/> says why and nothing is stored.
    /// </summary>
    public CallbackEndpoint? CallbackFor(Guid instanceId)
    {
        if (_envelope is null || CallbackTargets.Resolve(_envelope, Context.CallbackContext, instanceId) is not { } target)
            return null;
        var check = (_callbacks ?? CallbackAddressPolicy.None).CheckAddress(target.Address);
        if (!check.Allowed)
        {
            Fault ??= SoapFaults.CallbackAddressRefused(_envelope.Addressing, target.Address, check.Reason ?? "not allowed");
            return null;
        }
        Callback = new CallbackEndpoint(
            target.Address,
            CallbackVersions.NameOf(target.Soap),
            CallbackVersions.NameOf(target.Addressing),
            CallbackEnvelope.Text(target.ReferenceParameters),
            Trace?.TraceParent,
            EchoActivityId: Trace?.WcfActivityId is not null);
        return Callback;
    }

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
