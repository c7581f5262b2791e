using System.Text.Json;

namespace DuplexBus.Outbox;

/// <summary>How contract messages are stored in the outbox body column.</summary>
internal static class OutboxSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(object message, Type type) => JsonSerializer.Serialize(message, type, Options);

    public static object Deserialize(string body, Type type) =>
        JsonSerializer.Deserialize(body, type, Options) ?? throw new JsonException("The stored message body is null.");
}
