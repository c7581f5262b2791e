using System.Security.Cryptography;
using System.Text;

namespace DuplexBus.Edge.Ingress;

/// <summary>
/// Name-based (version 5, RFC 4122) GUIDs: the same name always gives the same id, so a message resent with
/// the same WS-Addressing MessageID maps to the same bus MessageId and inbox key.
/// </summary>
public static class DeterministicGuid
{
    public static Guid Create(Guid namespaceId, string name)
    {
        Span<byte> ns = stackalloc byte[16];
        namespaceId.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.CopyTo(input);
        nameBytes.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 4122 defines version 5 with SHA-1; this is an identifier, not a security hash.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
