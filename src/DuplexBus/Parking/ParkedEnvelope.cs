using System.Text;
using System.Text.Json;

namespace DuplexBus.Parking;

/// <summary>
/// Reads what a parked bus message needs out of the bytes that arrived: its id, its first message type and the
/// message itself from a MassTransit JSON envelope — or, when the bytes are not such an envelope, the bytes as
/// they came (they are kept for the operator, not replayed).
/// </summary>
public static class ParkedEnvelope
{
    public static (Guid? MessageId, string MessageType, string Body) Read(ReadOnlySpan<byte> envelope, string? contentType)
    {
        try
        {
            var reader = new Utf8JsonReader(envelope);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("message", out var message)
                && root.TryGetProperty("messageType", out var types)
                && types.ValueKind == JsonValueKind.Array
                && types.GetArrayLength() > 0
                && types[0].GetString() is { Length: > 0 } type)
            {
                Guid? id = root.TryGetProperty("messageId", out var idText) && Guid.TryParse(idText.GetString(), out var parsed) ? parsed : null;
                return (id, type, message.GetRawText());
            }
        }
        catch (JsonException)
        {
        }
        catch (InvalidOperationException)
        {
        }
        return (null, contentType ?? "unknown", Encoding.UTF8.GetString(envelope));
    }

    /// <summary>The queue a message arrived on, as a send address (<c>queue:name</c>) that works on every transport.</summary>
    public static string QueueOf(Uri inputAddress)
    {
        ArgumentNullException.ThrowIfNull(inputAddress);
        var path = inputAddress.AbsolutePath.TrimEnd('/');
        return "queue:" + path[(path.LastIndexOf('/') + 1)..];
    }
}
