using System.Diagnostics;

namespace DuplexBus.Diagnostics;

/// <summary>One name for traces and metrics, so a single subscription sees the whole message path.</summary>
public static class DuplexBusDiagnostics
{
    public const string Name = "DuplexBus";

    /// <summary>MassTransit's ActivitySource and Meter (its <c>DiagnosticHeaders.DefaultListenerName</c>).</summary>
    public const string MassTransitName = "MassTransit";

    internal static readonly ActivitySource Source = new(Name);
}
