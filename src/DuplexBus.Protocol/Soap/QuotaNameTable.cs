using System.Xml;

namespace DuplexBus.Protocol.Soap;

/// <summary>
/// The reader's name table with a bound on the characters of the distinct strings it holds (names, prefixes,
/// namespace URIs): a message of a million different element names fails at the quota instead of growing the table.
/// </summary>
internal sealed class QuotaNameTable(long maxCharacters) : NameTable
{
    private long _characters;

    public override string Add(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Get(key) is { } known)
            return known;
        Count(key.Length);
        return base.Add(key);
    }

    public override string Add(char[] key, int start, int len)
    {
        if (len > 0 && Get(key, start, len) is { } known)
            return known;
        Count(len);
        return base.Add(key, start, len);
    }

    private void Count(int length)
    {
        _characters += length;
        if (_characters > maxCharacters)
            throw new XmlQuotaException(XmlQuota.NameCharacters, maxCharacters);
    }
}
