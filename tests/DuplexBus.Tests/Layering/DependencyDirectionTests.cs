using System.Reflection;
using DuplexBus.Callbacks;
using DuplexBus.Protocol.Contracts;
using DuplexBus.Samples.Contracts;

namespace DuplexBus.Tests.Layering;

/// <summary>The projects depend in one direction: what bus contracts and the protocol take is small.</summary>
public sealed class DependencyDirectionTests
{
    private static readonly string[] Runtime = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Npgsql", "RabbitMQ", "MassTransit", "DuplexBus,"];

    public static TheoryData<string, Assembly> Lean => new()
    {
        { "the abstractions bus contracts reference", typeof(CallbackEndpoint).Assembly },
        { "the samples' bus contracts", typeof(StartWork).Assembly },
        { "the protocol library", typeof(ContractReader).Assembly },
    };

    [Theory, MemberData(nameof(Lean))]
    public void Takes_no_part_of_the_runtime(string _, Assembly assembly)
    {
        var taken = Closure(assembly).Where(name => Runtime.Any(r => (name + ",").StartsWith(r, StringComparison.Ordinal))).ToList();

        Assert.Empty(taken);
    }

    /// <summary>Every assembly <paramref name="root"/> references, directly or through another.</summary>
    private static SortedSet<string> Closure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!) || name.Name!.StartsWith("System", StringComparison.Ordinal) || name.Name == "netstandard")
                continue;
            foreach (var next in Assembly.Load(name).GetReferencedAssemblies())
                pending.Push(next);
        }
        return seen;
    }
}
