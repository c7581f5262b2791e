using System.Security.Cryptography;
using System.Text;

namespace DuplexBus.Testing;

/// <summary>Short unique names for databases and virtual hosts, readable in server logs.</summary>
internal static class UniqueName
{
    private const int SuffixLength = 8;

    /// <summary>
    /// Lower-cases the prefix, keeps [a-z0-9_] (others become '_'), makes it start with a letter and
    /// appends '_' plus random hex, staying within <paramref name="maxLength"/> (63 = PostgreSQL's limit).
    /// </summary>
    public static string Create(string prefix, int maxLength = 63)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var cleaned = new StringBuilder(prefix.Length);
        foreach (var c in prefix.ToLowerInvariant())
        {
            cleaned.Append(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' ? c : '_');
        }

        if (cleaned.Length == 0 || cleaned[0] is not (>= 'a' and <= 'z'))
        {
            cleaned.Insert(0, 't');
        }

        var room = maxLength - SuffixLength - 1;
        var head = cleaned.Length > room ? cleaned.ToString(0, room) : cleaned.ToString();
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SuffixLength / 2));
        return $"{head}_{suffix}";
    }
}
