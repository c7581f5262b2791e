using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DuplexBus.Edge.Security;

/// <summary>
/// A secret stored as PBKDF2-HMAC-SHA256: <c>PBKDF2-SHA256$&lt;iterations&gt;$&lt;salt, base64&gt;$&lt;hash, base64&gt;</c>.
/// <c>DuplexBus.Host hash-secret</c> prints one.
/// </summary>
public static class SecretHash
{
    public const string Scheme = "PBKDF2-SHA256";
    public const int DefaultIterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Create(string secret, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 10_000);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="stored"/> parses as a hash this type makes.</summary>
    public static bool IsWellFormed(string stored) => TryParse(stored, out _, out _, out _);

    /// <summary>Checks <paramref name="secret"/> against <paramref name="stored"/> in constant time; false when it does not parse.</summary>
    public static bool Verify(string secret, string stored)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
            return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string? stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored?.Split('$');
        if (parts is not [Scheme, var count, var saltText, var hashText]
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations is < 10_000 or > 10_000_000)
            return false;
        try
        {
            salt = Convert.FromBase64String(saltText);
            hash = Convert.FromBase64String(hashText);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= 8 && hash.Length is >= 16 and <= 64;
    }
}
