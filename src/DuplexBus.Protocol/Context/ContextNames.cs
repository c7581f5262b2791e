using System.Xml.Linq;

namespace DuplexBus.Protocol.Context;

/// <summary>
/// Names of WCF's context exchange (the 2006/05 Context header and cookie) and of .NET 4 durable duplex
/// (the 2008/02 CallbackContext header).
/// </summary>
public static class ContextNames
{
    public static readonly XNamespace Context = "http://schemas.microsoft.com/ws/2006/05/context";

    public static readonly XNamespace Callback = "http://schemas.microsoft.com/ws/2008/02/context";

    public static readonly XName ContextHeader = Context + "Context";

    public static readonly XName Property = Context + "Property";

    public static readonly XName CallbackContextHeader = Callback + "CallbackContext";

    public static readonly XName CallbackEndpointReference = Callback + "CallbackEndpointReference";

    /// <summary>The cookie basicHttpContextBinding carries the context in.</summary>
    public const string CookieName = "WscContext";

    /// <summary>The property WCF workflow services route instances by.</summary>
    public const string InstanceId = "instanceId";

    /// <summary>The unqualified attribute naming a Property.</summary>
    internal static readonly XName PropertyName = "name";
}
