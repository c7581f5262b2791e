using System.Globalization;
using DuplexBus.Testing;

namespace DuplexBus.Benchmarks.Cpu;

/// <summary>
/// Which processes are the PostgreSQL and the RabbitMQ of this run: the process trees under the postmaster that
/// listens on the run's PostgreSQL port and under the Erlang VM of the run's RabbitMQ node. Another test run on the
/// same machine has servers of its own, and by name alone their CPU would be counted as this run's. Where a server's
/// process cannot be found (a container, an external server), its processes are told by name, as before.
/// </summary>
internal sealed class ServerProcesses
{
    private readonly int? _postgres;
    private readonly int? _rabbitMq;

    private ServerProcesses(int? postgres, int? rabbitMq)
    {
        _postgres = postgres;
        _rabbitMq = rabbitMq;
    }

    /// <summary>The servers of this run once <see cref="Track"/> was called; until then every process is told by name.</summary>
    public static ServerProcesses ByName { get; } = new(null, null);

    public static ServerProcesses Current { get; private set; } = ByName;

    /// <summary>Finds the processes of <paramref name="servers"/> and counts only them as PostgreSQL and RabbitMQ from now on.</summary>
    public static void Track(ServersFixture servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var postgresPort = servers.Postgres.Port.ToString(CultureInfo.InvariantCulture);
        var rabbitMqPort = "RABBITMQ_NODE_PORT=" + servers.RabbitMq.Port.ToString(CultureInfo.InvariantCulture);
        int? postgres = null;
        int? rabbitMq = null;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || ProcStat.Read(directory) is not { } stat)
                continue;
            if (stat.Command == "postgres" && IsPostmasterOn(Strings(directory, "cmdline"), postgresPort))
                postgres ??= pid;
            else if (stat.Command == "beam.smp" && Strings(directory, "environ").Contains(rabbitMqPort))
                rabbitMq ??= pid;
        }
        Current = new ServerProcesses(postgres, rabbitMq);
        Console.WriteLine(
            $"cpu: PostgreSQL {(postgres is { } p ? $"= pid {p} and its children" : "= every process named postgres")}, "
            + $"RabbitMQ {(rabbitMq is { } r ? $"= pid {r} and its children" : "= every Erlang process")}");
    }

    /// <summary>
    /// "postgres", "rabbitmq" or null (neither) for a process, given every process's parent; a server's own process
    /// and everything under it count, or, for a server not found, every process of its name.
    /// </summary>
    public string? PartOf(int pid, ProcStat stat, IReadOnlyDictionary<int, ProcStat> all)
    {
        ArgumentNullException.ThrowIfNull(stat);
        if (_postgres is { } postgres ? IsUnder(pid, postgres, all) : stat.Command.StartsWith("postgres", StringComparison.Ordinal))
            return "postgres";
        if (_rabbitMq is { } rabbitMq ? IsUnder(pid, rabbitMq, all) : stat.Command is "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost")
            return "rabbitmq";
        return null;
    }

    private static bool IsUnder(int pid, int root, IReadOnlyDictionary<int, ProcStat> all)
    {
        for (var depth = 0; depth < 16 && pid > 1; depth++)
        {
            if (pid == root)
                return true;
            if (!all.TryGetValue(pid, out var stat))
                return false;
            pid = stat.ParentId;
        }
        return false;
    }

    private static bool IsPostmasterOn(string[] arguments, string port)
    {
        var at = Array.IndexOf(arguments, "-p");
        return arguments.Length > 0 && arguments[0].EndsWith("/postgres", StringComparison.Ordinal) && at >= 0 && at + 1 < arguments.Length && arguments[at + 1] == port;
    }

    private static string[] Strings(string directory, string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, file)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
