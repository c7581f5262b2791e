using System.Diagnostics;

namespace DuplexBus.Diagnostics;

/// <summary>One name for traces and metrics, so a single subscription sees the whole message path.</summary>
public static class DuplexBusDiagnostics
{
    public const string Name = "DuplexBus";

    internal static readonly ActivitySource Source = new(Name);
}
