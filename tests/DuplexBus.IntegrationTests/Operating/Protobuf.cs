using System.Text;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>Just enough of the protobuf wire format to walk a message's length-delimited fields.</summary>
internal static class Protobuf
{
    /// <summary>Every occurrence of length-delimited field <paramref name="field"/> in <paramref name="message"/>.</summary>
    public static IEnumerable<byte[]> Messages(byte[] message, int field)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var (number, wireType) = ((int)(key >> 3), (int)(key & 7));
            switch (wireType)
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if (number == field)
                        yield return message[at..(at + length)];
                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wireType} at {at}");
            }
        }
    }

    public static string? Text(byte[] message, int field) =>
        Messages(message, field).Select(bytes => Encoding.UTF8.GetString(bytes)).FirstOrDefault();

    public static string Hex(byte[] message, int field) =>
        Messages(message, field).Select(Convert.ToHexStringLower).FirstOrDefault() ?? "";

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value;
        }
    }
}
