using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace DuplexBus.Diagnostics;

/// <summary>
/// Log scopes on the message path: every line a step logs while it handles one message carries the ids an operator
/// searches by (the host adds the trace id), as structured fields in JSON logs. Ids only, never a body.
/// </summary>
internal static class MessagePathScope
{
    public static IDisposable? BeginSequenceScope(this ILogger logger, string sequenceId, long messageNumber) =>
        logger.BeginScope(new Fields([new("SequenceId", sequenceId), new("MessageNumber", messageNumber)]));

    public static IDisposable? BeginInstanceScope(this ILogger logger, Guid? instanceId, Guid? messageId) =>
        logger.BeginScope(new Fields([new("InstanceId", instanceId), new("MessageId", messageId)]));

    public static IDisposable? BeginCallbackScope(this ILogger logger, Guid callbackId, Guid? instanceId) =>
        logger.BeginScope(new Fields([new("CallbackId", callbackId), new("InstanceId", instanceId)]));

    /// <summary>Read as key-value pairs by structured formatters, as "Key:value Key:value" by the simple one.</summary>
    private sealed class Fields(KeyValuePair<string, object?>[] fields) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => fields.Length;

        public KeyValuePair<string, object?> this[int index] => fields[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)fields).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() =>
            string.Join(' ', fields.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key}:{f.Value}")));
    }
}
