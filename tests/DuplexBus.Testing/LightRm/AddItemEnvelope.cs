using System.Globalization;

namespace DuplexBus.Testing.LightRm;

/// <summary>
/// The AddItem envelope of one session with its sequence, address, instance and value filled in: only the message
/// number and the index are written per message.
/// </summary>
public sealed class AddItemEnvelope
{
    // long.MinValue and int.MinValue, the longest numbers, in UTF-8.
    private const int NumberBytes = 20;
    private const int IndexBytes = 11;

    private readonly byte[] _head;
    private readonly byte[] _middle;
    private readonly byte[] _tail;

    internal AddItemEnvelope(byte[] head, byte[] middle, byte[] tail)
    {
        _head = head;
        _middle = middle;
        _tail = tail;
    }

    /// <summary>The size of a buffer that holds any message of this session.</summary>
    public int MaxLength => _head.Length + NumberBytes + _middle.Length + IndexBytes + _tail.Length;

    /// <summary>Writes message <paramref name="number"/> with item <paramref name="index"/> and returns its length in bytes.</summary>
    public int Write(Span<byte> buffer, long number, int index)
    {
        _head.CopyTo(buffer);
        var at = _head.Length;
        at += Format(number, buffer[at..]);
        _middle.CopyTo(buffer[at..]);
        at += _middle.Length;
        at += Format(index, buffer[at..]);
        _tail.CopyTo(buffer[at..]);
        return at + _tail.Length;
    }

    public byte[] ToArray(long number, int index)
    {
        var buffer = new byte[MaxLength];
        return buffer[..Write(buffer, number, index)];
    }

    private static int Format<T>(T number, Span<byte> destination)
        where T : IUtf8SpanFormattable
    {
        if (!number.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture))
            throw new ArgumentException("The buffer is too small for the message.", nameof(destination));
        return written;
    }
}
