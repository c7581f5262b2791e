using System.Globalization;

namespace DuplexBus.Testing;

/// <summary>Finds the server programs installed from Debian's packages.</summary>
internal static class ServerBinaries
{
    private const string PostgresRoot = "/usr/lib/postgresql";

    /// <summary>The bin folder of the newest installed PostgreSQL major version, or null.</summary>
    public static string? PostgresBinDirectory()
    {
        if (!Directory.Exists(PostgresRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(PostgresRoot)
            .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: ParseVersion(Path.GetFileName(dir))))
            .Where(x => File.Exists(Path.Combine(x.Dir, "pg_ctl")) && File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    /// <summary>
    /// A RabbitMQ script (rabbitmq-server, rabbitmqctl). Debian's /usr/sbin wrappers switch to the
    /// rabbitmq user with su, which resets HOME and so forces the system-wide Erlang cookie; the real
    /// scripts in /usr/lib/rabbitmq/bin honour our HOME and therefore our private cookie.
    /// </summary>
    public static string? RabbitMqScript(string name)
    {
        var debian = Path.Combine("/usr/lib/rabbitmq/bin", name);
        if (File.Exists(debian))
        {
            return debian;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    private static decimal ParseVersion(string name) =>
        decimal.TryParse(name, NumberStyles.Number, CultureInfo.InvariantCulture, out var version) ? version : -1;
}
