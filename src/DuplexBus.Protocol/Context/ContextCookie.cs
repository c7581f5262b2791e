using System.Collections.Immutable;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.Context;

/// <summary>
/// The basicHttpContextBinding form of the context: the Context element, base64-encoded, in the WscContext cookie.
/// The bytes are written exactly as WCF writes them (UTF-8 with a BOM, no XML declaration) so that a WCF client
/// compares our context equal to the one it stored.
/// </summary>
public static class ContextCookie
{
    /// <summary>Largest decoded cookie accepted; a context is a handful of short properties.</summary>
    public const int MaxBytes = 64 * 1024;

    private const int MaxDepth = 4;

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Reads the context from a raw Cookie request header.</summary>
    /// <returns>
    /// True with the properties when the cookie is there and valid; false with a null fault when there is no
    /// WscContext cookie; false with a fault when there is one but it cannot be read.
    /// </returns>
    public static bool TryRead(string? cookieHeader, out ImmutableDictionary<string, string> properties, out SoapFault? fault)
    {
        properties = ImmutableDictionary<string, string>.Empty;
        fault = null;
        if (FindValue(cookieHeader) is not { } value)
            return false;

        // WCF reads a WscContext cookie without a value as an empty context rather than as no context.
        if (value.Length == 0)
            return true;
        if (!TryDecode(value, out var bytes, out fault))
            return false;
        if (!TryParse(bytes, out var element, out fault))
            return false;
        return ContextHeader.TryRead(element, out properties, out fault);
    }

    /// <summary>The Set-Cookie header value that gives the client this context.</summary>
    public static string SetCookie(IReadOnlyDictionary<string, string> properties, string path)
    {
        CheckPath(path);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = Utf8WithBom, OmitXmlDeclaration = true }))
            ContextHeader.Write(properties).WriteTo(writer);
        var encoded = Convert.ToBase64String(stream.GetBuffer(), 0, checked((int)stream.Length));
        return $"{ContextNames.CookieName}=\"{encoded}\";Path={path}";
    }

    /// <summary>The Set-Cookie header value that makes the client forget its context.</summary>
    public static string Clear(string path)
    {
        CheckPath(path);
        return $"{ContextNames.CookieName};Max-Age=0;Path={path}";
    }

    private static string? FindValue(string? cookieHeader)
    {
        if (string.IsNullOrEmpty(cookieHeader))
            return null;
        foreach (var part in cookieHeader.Split(';'))
        {
            var cookie = part.AsSpan().Trim();
            var equals = cookie.IndexOf('=');
            var name = equals < 0 ? cookie : cookie[..equals].TrimEnd();
            if (!name.Equals(ContextNames.CookieName, StringComparison.Ordinal))
                continue;
            var value = equals < 0 ? [] : cookie[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
                value = value[1..^1];
            return value.ToString();
        }
        return null;
    }

    private static bool TryDecode(string value, out byte[] bytes, out SoapFault? fault)
    {
        bytes = [];
        fault = null;
        if (value.Length / 4 * 3 > MaxBytes)
        {
            fault = Fault($"it is larger than the maximum of {MaxBytes} bytes");
            return false;
        }
        var buffer = new byte[(value.Length + 3) / 4 * 3];
        if (!Convert.TryFromBase64String(value, buffer, out var written))
        {
            fault = Fault("it is not valid base64");
            return false;
        }
        var start = buffer.AsSpan(0, written).StartsWith(Utf8WithBom.Preamble) ? Utf8WithBom.Preamble.Length : 0;
        bytes = buffer[start..written];
        return true;
    }

    private static bool TryParse(byte[] bytes, out XElement element, out SoapFault? fault)
    {
        element = null!;
        fault = null;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = HardenedXml.CreateReader(stream, MaxBytes);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                fault = Fault("it holds no XML element");
                return false;
            }
            element = HardenedXml.LoadElement(reader, MaxDepth);
            while (!reader.EOF)
                reader.Read(); // anything after the element must still be well-formed
            return true;
        }
        catch (XmlDepthException e)
        {
            fault = Fault($"its XML nests deeper than {e.Limit}");
        }
        catch (XmlQuotaException e)
        {
            fault = Fault($"its XML passes the {e.Quota} quota of {e.Limit}");
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            fault = Fault("its XML contains a document type declaration (DTD)");
        }
        catch (XmlException e)
        {
            fault = Fault($"its XML is not well-formed: {e.Message}");
        }
        return false;
    }

    private static SoapFault Fault(string reason) =>
        new(FaultCode.Sender, [], $"The {ContextNames.CookieName} cookie cannot be read: {reason}.");

    // The path ends up inside a response header: a separator or line break in it would forge cookie attributes.
    private static void CheckPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path[0] != '/' || path.Any(c => c == ';' || char.IsControl(c)))
            throw new ArgumentException($"'{path}' is not a cookie path: it must start with '/' and hold no ';' or control characters.", nameof(path));
    }
}
