using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using DuplexBus.Edge.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DuplexBus.OperatorConsole;

/// <summary>
/// Who may use the console: a request from loopback (or from anywhere with <see cref="OperatorConsoleOptions.AllowRemote"/>)
/// with HTTP Basic credentials of a configured administrator. A verified password is remembered by its SHA-256 for the
/// life of the process, so the page's polling does not run PBKDF2 every few seconds.
/// </summary>
internal sealed class ConsoleAccess(IOptions<OperatorConsoleOptions> options, ILogger<ConsoleAccess> logger)
{
    public const string Realm = "DuplexBus console";

    private readonly ConcurrentDictionary<string, byte> _verified = new(StringComparer.Ordinal);

    /// <summary>The administrator's name, or null after the refusal has been written to the response.</summary>
    public async Task<string?> AdmitAsync(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (!options.Value.AllowRemote && (remote is null || !IPAddress.IsLoopback(remote)))
        {
            logger.Refused(remote?.ToString() ?? "?", "not loopback and DuplexBus:Console:AllowRemote is off");
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        if (options.Value.Administrators.Count == 0)
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await http.Response.WriteAsync("No administrator is configured: set DuplexBus:Console:Administrators:<name> to a hash from `hash-secret`.").ConfigureAwait(false);
            return null;
        }
        if (BasicCredentials.Parse(http.Request.Headers.Authorization.ToString()) is { } credentials && Verify(credentials.UserName, credentials.Password))
            return credentials.UserName;
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        return null;
    }

    private bool Verify(string name, string password)
    {
        if (!options.Value.Administrators.TryGetValue(name, out var stored))
            return false;
        var key = name + "\n" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stored + "\n" + password)));
        if (_verified.ContainsKey(key))
            return true;
        if (!SecretHash.Verify(password, stored))
            return false;
        _verified.TryAdd(key, 0);
        return true;
    }
}
