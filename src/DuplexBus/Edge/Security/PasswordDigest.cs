using System.Security.Cryptography;
using System.Text;

namespace DuplexBus.Edge.Security;

/// <summary>The UsernameToken profile's digest: Base64(SHA-1(nonce + created + password)).</summary>
public static class PasswordDigest
{
    public static string Compute(ReadOnlySpan<byte> nonce, string created, string password)
    {
        ArgumentNullException.ThrowIfNull(created);
        ArgumentNullException.ThrowIfNull(password);
        var createdBytes = Encoding.UTF8.GetBytes(created);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var input = new byte[nonce.Length + createdBytes.Length + passwordBytes.Length];
        nonce.CopyTo(input);
        createdBytes.CopyTo(input.AsSpan(nonce.Length));
        passwordBytes.CopyTo(input.AsSpan(nonce.Length + createdBytes.Length));
#pragma warning disable CA5350 // SHA-1 is what the UsernameToken profile 1.0/1.1 defines for PasswordDigest.
        return Convert.ToBase64String(SHA1.HashData(input));
#pragma warning restore CA5350
    }

    /// <summary>Whether <paramref name="token"/>'s digest was made with <paramref name="password"/> (in constant time).</summary>
    public static bool Matches(UsernameToken token, string password)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.IsDigest || token.CreatedText is null)
            return false;
        var expected = Encoding.ASCII.GetBytes(Compute(token.Nonce.AsSpan(), token.CreatedText, password));
        var actual = Encoding.ASCII.GetBytes(token.Password);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
