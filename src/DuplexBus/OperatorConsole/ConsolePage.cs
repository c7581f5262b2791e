using System.Reflection;

namespace DuplexBus.OperatorConsole;

/// <summary>The console's one page (ConsolePage.html, embedded): markup, style and script, nothing fetched from elsewhere.</summary>
internal static class ConsolePage
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("DuplexBus.OperatorConsole.ConsolePage.html")
            ?? throw new InvalidOperationException("The console page is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Html => Page.Value;
}
