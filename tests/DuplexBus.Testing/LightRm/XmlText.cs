using System.Text;

namespace DuplexBus.Testing.LightRm;

/// <summary>Text content escaped as an XmlWriter writes it: &amp;, &lt; and &gt; (quotes stay as they are in text).</summary>
internal static class XmlText
{
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>") < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => null,
            } ?? c.ToString());
        }
        return escaped.ToString();
    }
}
